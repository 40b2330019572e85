namespace L7Gate.Proxy.AccessLog;

/// <summary>
/// Lines to the process's stdout (containers: <c>docker logs</c>, journald). Lines are batched and handed to the
/// file descriptor in writes of at most 4 KiB that end on a line boundary: POSIX keeps pipe writes up to PIPE_BUF
/// whole, so the host's console logger, which writes to the same stdout, cannot split an access-log line.
/// </summary>
internal sealed class StdoutAccessLogSink : IAccessLogSink
{
    private const int BatchBytes = 4096;
    private readonly Stream _stdout;
    private readonly byte[] _batch = new byte[BatchBytes];
    private int _length;

    public StdoutAccessLogSink()
        : this(Console.OpenStandardOutput())
    {
    }

    internal StdoutAccessLogSink(Stream stdout) => _stdout = stdout;

    public void WriteLine(ReadOnlySpan<byte> utf8Line)
    {
        if (_length + utf8Line.Length + 1 > BatchBytes)
        {
            Flush();
        }

        if (utf8Line.Length + 1 > BatchBytes)
        {
            _stdout.Write(utf8Line);
            _stdout.WriteByte((byte)'\n');
            return;
        }

        utf8Line.CopyTo(_batch.AsSpan(_length));
        _length += utf8Line.Length;
        _batch[_length++] = (byte)'\n';
    }

    public void Flush()
    {
        if (_length > 0)
        {
            _stdout.Write(_batch, 0, _length);
            _stdout.Flush();
            _length = 0;
        }
    }

    public void Dispose() => Flush();
}
