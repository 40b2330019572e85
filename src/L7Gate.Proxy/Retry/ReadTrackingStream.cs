namespace L7Gate.Proxy.Retry;

/// <summary>
/// Wraps the client's request body to know whether any of it was streamed to a destination: once a byte has
/// been read it is gone, so the request can no longer be replayed on another destination.
/// </summary>
internal sealed class ReadTrackingStream(Stream inner) : Stream
{
    public Stream Inner => inner;

    public bool HasRead { get; private set; }

    public override bool CanRead => inner.CanRead;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => inner.Length;

    public override long Position
    {
        get => inner.Position;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Track(inner.Read(buffer, offset, count));

    public override int Read(Span<byte> buffer) => Track(inner.Read(buffer));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        => Track(await inner.ReadAsync(buffer, cancellationToken));

    public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        => Track(await inner.ReadAsync(buffer.AsMemory(offset, count), cancellationToken));

    public override void Flush() => inner.Flush();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    private int Track(int read)
    {
        if (read > 0)
        {
            HasRead = true;
        }

        return read;
    }
}
