using System.IO.Pipelines;
using Microsoft.AspNetCore.Http.Features;

namespace L7Gate.Proxy.AccessLog;

/// <summary>
/// Stands in for the server's response body feature and counts what passes through it, whether written to the
/// stream (YARP copies the backend's body there) or to the pipe writer (minimal endpoints, problem responses).
/// </summary>
internal sealed class CountingResponseBody : Stream, IHttpResponseBodyFeature
{
    private readonly CountingPipeWriter _writer = new();
    private IHttpResponseBodyFeature _inner = null!;

    public long Count => _writer.Count;

    public IHttpResponseBodyFeature Inner => _inner;

    public void Attach(IHttpResponseBodyFeature inner)
    {
        _inner = inner;
        _writer.Attach(inner.Writer);
    }

    public void Detach()
    {
        _inner = null!;
        _writer.Detach();
    }

    Stream IHttpResponseBodyFeature.Stream => this;

    PipeWriter IHttpResponseBodyFeature.Writer => _writer;

    public void DisableBuffering() => _inner.DisableBuffering();

    public Task StartAsync(CancellationToken cancellationToken = default) => _inner.StartAsync(cancellationToken);

    public async Task SendFileAsync(string path, long offset, long? count, CancellationToken cancellationToken = default)
    {
        await _inner.SendFileAsync(path, offset, count, cancellationToken);
        _writer.Add(count ?? new FileInfo(path).Length - offset);
    }

    public Task CompleteAsync() => _inner.CompleteAsync();

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override void Write(byte[] buffer, int offset, int count)
    {
        _inner.Stream.Write(buffer, offset, count);
        _writer.Add(count);
    }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        _inner.Stream.Write(buffer);
        _writer.Add(buffer.Length);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        _writer.Add(buffer.Length);
        return _inner.Stream.WriteAsync(buffer, cancellationToken);
    }

    public override void Flush() => _inner.Stream.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken) => _inner.Stream.FlushAsync(cancellationToken);

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
