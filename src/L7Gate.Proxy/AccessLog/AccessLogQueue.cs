using System.Threading.Channels;
using L7Gate.Proxy.Diagnostics;
using Microsoft.Extensions.ObjectPool;
using Microsoft.Extensions.Options;

namespace L7Gate.Proxy.AccessLog;

/// <summary>
/// The bounded hand-off between requests and the writer. A full queue drops the new line (it never makes a request
/// wait) and counts it in <c>l7gate.accesslog.dropped</c>; entries are pooled and go back to the pool either way.
/// </summary>
internal sealed class AccessLogQueue
{
    private readonly Channel<AccessLogEntry> _channel;
    private readonly ObjectPool<AccessLogEntry> _pool;
    private readonly ProxyMetrics _metrics;

    public AccessLogQueue(IOptions<AccessLogOptions> options, ProxyMetrics metrics)
    {
        _metrics = metrics;
        var size = options.Value.QueueSize;
        _pool = new DefaultObjectPool<AccessLogEntry>(new EntryPolicy(), Math.Min(size, 4096));
        _channel = Channel.CreateBounded<AccessLogEntry>(
            new BoundedChannelOptions(size) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true, SingleWriter = false },
            Dropped);
    }

    public ChannelReader<AccessLogEntry> Reader => _channel.Reader;

    public AccessLogEntry Rent() => _pool.Get();

    public void Return(AccessLogEntry entry) => _pool.Return(entry);

    /// <summary>Queues a finished entry; never waits.</summary>
    public void Enqueue(AccessLogEntry entry)
    {
        if (!_channel.Writer.TryWrite(entry))
        {
            // Only after Complete (shutdown): the line cannot be written any more.
            Dropped(entry);
        }
    }

    /// <summary>No more lines: the writer drains what is queued and stops.</summary>
    public void Complete() => _channel.Writer.TryComplete();

    private void Dropped(AccessLogEntry entry)
    {
        _metrics.AccessLogDropped();
        _pool.Return(entry);
    }

    private sealed class EntryPolicy : PooledObjectPolicy<AccessLogEntry>
    {
        public override AccessLogEntry Create() => new();

        public override bool Return(AccessLogEntry obj)
        {
            obj.Reset();
            return true;
        }
    }
}
