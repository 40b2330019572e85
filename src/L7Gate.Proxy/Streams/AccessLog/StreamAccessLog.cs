using L7Gate.Proxy.AccessLog;
using L7Gate.Proxy.Streams.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace L7Gate.Proxy.Streams.AccessLog;

/// <summary>
/// Queues one access-log line per L4 connection when it ends, on the HTTP access log's own queue, writer, format and
/// sink (README "Access log"): nothing is written here, the proxy never waits for the disk. Without the access log
/// registered (a host that never called <c>AddL7GateAccessLog</c>) it does nothing.
/// </summary>
public sealed class StreamAccessLog
{
    private readonly AccessLogQueue? _queue;
    private readonly IOptionsMonitor<AccessLogOptions> _options;
    private readonly TimeProvider _time;

    /// <summary>Uses the host's access-log queue when there is one.</summary>
    public StreamAccessLog(IServiceProvider services, IOptionsMonitor<AccessLogOptions> options, TimeProvider time)
    {
        _queue = services.GetService<AccessLogQueue>();
        _options = options;
        _time = time;
    }

    internal void Write(StreamListenerOptions listener, StreamConnectionFacts facts)
    {
        if (_queue is null || !_options.CurrentValue.Enabled || listener.AccessLog is { Enabled: false })
        {
            return;
        }

        var entry = _queue.Rent();
        entry.Listener = facts.Listener;
        entry.Time = facts.Start;
        entry.Duration = _time.GetElapsedTime(facts.StartTimestamp);
        entry.ClientAddress = facts.Client?.Address;
        entry.ClientPort = facts.Client?.Port ?? 0;
        entry.Protocol = "TCP";
        entry.Sni = facts.Sni;
        entry.ClusterId = facts.ClusterId;
        entry.DestinationId = facts.DestinationId;
        entry.Attempts = facts.Attempts;
        entry.BytesIn = facts.BytesIn;
        entry.BytesOut = facts.BytesOut;
        entry.EndReason = facts.End;
        entry.Status = StreamEndReason.Status(facts.End);
        _queue.Enqueue(entry);
    }
}
