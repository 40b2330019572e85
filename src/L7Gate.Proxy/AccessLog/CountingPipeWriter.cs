using System.IO.Pipelines;

namespace L7Gate.Proxy.AccessLog;

/// <summary>Pass-through <see cref="PipeWriter"/> counting the bytes advanced or written.</summary>
internal sealed class CountingPipeWriter : PipeWriter
{
    private PipeWriter _inner = null!;

    public long Count { get; private set; }

    public void Attach(PipeWriter inner)
    {
        _inner = inner;
        Count = 0;
    }

    public void Detach() => _inner = null!;

    public void Add(long bytes) => Count += bytes;

    public override void Advance(int bytes)
    {
        Count += bytes;
        _inner.Advance(bytes);
    }

    public override Memory<byte> GetMemory(int sizeHint = 0) => _inner.GetMemory(sizeHint);

    public override Span<byte> GetSpan(int sizeHint = 0) => _inner.GetSpan(sizeHint);

    public override void CancelPendingFlush() => _inner.CancelPendingFlush();

    public override void Complete(Exception? exception = null) => _inner.Complete(exception);

    public override ValueTask CompleteAsync(Exception? exception = null) => _inner.CompleteAsync(exception);

    public override ValueTask<FlushResult> FlushAsync(CancellationToken cancellationToken = default) => _inner.FlushAsync(cancellationToken);

    public override ValueTask<FlushResult> WriteAsync(ReadOnlyMemory<byte> source, CancellationToken cancellationToken = default)
    {
        Count += source.Length;
        return _inner.WriteAsync(source, cancellationToken);
    }

    public override bool CanGetUnflushedBytes => _inner.CanGetUnflushedBytes;

    public override long UnflushedBytes => _inner.UnflushedBytes;
}
