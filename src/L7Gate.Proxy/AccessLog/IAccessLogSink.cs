namespace L7Gate.Proxy.AccessLog;

/// <summary>
/// Where finished lines go. Called from the single writer thread only, never from a request, so an implementation
/// may block (a full disk, a stalled stdout pipe) without slowing the proxy: the queue in front fills and drops.
/// </summary>
public interface IAccessLogSink : IDisposable
{
    /// <summary>Writes one UTF-8 line; the sink adds the line end.</summary>
    void WriteLine(ReadOnlySpan<byte> utf8Line);

    /// <summary>Called whenever the queue has been drained: a chance to push buffered lines out.</summary>
    void Flush();
}
