using System.Collections.Concurrent;
using System.Text;
using L7Gate.Proxy.AccessLog;

namespace L7Gate.Proxy.Tests.Infrastructure;

/// <summary>An access-log sink a test reads, and can stall: while <see cref="Stall"/> is set, a write blocks until released.</summary>
public sealed class CapturingAccessLogSink : IAccessLogSink
{
    private readonly ManualResetEventSlim _open = new(initialState: true);
    private readonly ConcurrentQueue<string> _lines = new();
    private int _blocked;

    public IReadOnlyCollection<string> Lines => _lines;

    /// <summary>True once a write is waiting on the stall.</summary>
    public bool IsBlocked => Volatile.Read(ref _blocked) > 0;

    public void Stall() => _open.Reset();

    public void Release() => _open.Set();

    public void WriteLine(ReadOnlySpan<byte> utf8Line)
    {
        if (!_open.IsSet)
        {
            Interlocked.Increment(ref _blocked);
            _open.Wait(TimeSpan.FromMinutes(2));
            Interlocked.Decrement(ref _blocked);
        }

        _lines.Enqueue(Encoding.UTF8.GetString(utf8Line));
    }

    public void Flush()
    {
    }

    public void Dispose() => _open.Set();
}
