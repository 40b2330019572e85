using System.Diagnostics.Metrics;
using L7Gate.Proxy.Diagnostics;

namespace L7Gate.Proxy.Streams;

/// <summary>
/// L4 instruments, on the proxy library's meter (<see cref="ProxyMetrics.MeterName"/>). Tags: <c>listener</c>,
/// <c>cluster</c>, <c>destination</c>; refusals and failures also carry a <c>reason</c>.
/// </summary>
public sealed class StreamMetrics
{
    private readonly UpDownCounter<long> _active;
    private readonly Counter<long> _accepted;
    private readonly Counter<long> _refused;
    private readonly Counter<long> _connectFailures;
    private readonly Counter<long> _bytesIn;
    private readonly Counter<long> _bytesOut;
    private readonly Counter<long> _malformed;
    private readonly Histogram<double> _duration;
    private readonly Counter<long> _probes;

    /// <summary>Creates the instruments from the host's meter factory.</summary>
    public StreamMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(ProxyMetrics.MeterName);
        _active = meter.CreateUpDownCounter<long>("l7gate.stream.connections.active", "{connection}",
            "L4 connections open to a destination.");
        _accepted = meter.CreateCounter<long>("l7gate.stream.connections.accepted", "{connection}",
            "L4 connections accepted by a listener.");
        _refused = meter.CreateCounter<long>("l7gate.stream.connections.refused", "{connection}",
            "L4 connections closed without reaching a destination (max_connections, no_cluster, unknown_cluster, no_destination, connect_failed, bad_proxy_header, bad_client_hello).");
        _connectFailures = meter.CreateCounter<long>("l7gate.stream.connect_failures", "{connect}",
            "Connects to a destination that were refused or timed out; the next destination is tried.");
        _bytesIn = meter.CreateCounter<long>("l7gate.stream.bytes.in", "By", "Bytes received from L4 clients and sent on to destinations.");
        _bytesOut = meter.CreateCounter<long>("l7gate.stream.bytes.out", "By", "Bytes received from destinations and sent on to L4 clients.");
        _malformed = meter.CreateCounter<long>("l7gate.stream.malformed", "{connection}",
            "Connections whose PROXY header or TLS ClientHello could not be parsed.");
        _duration = meter.CreateHistogram<double>("l7gate.stream.connection.duration", "s",
            "Lifetime of L4 connections that reached a destination.");
        _probes = meter.CreateCounter<long>("l7gate.health.probes", "{probe}",
            "Active health probes of any cluster, per kind (http, tcp_connect, tls_handshake) and result (passed, failed).");
    }

    /// <summary>Counts one active health probe's outcome.</summary>
    public void Probe(string cluster, string destination, string kind, bool passed) =>
        _probes.Add(1, new("cluster", cluster), new("destination", destination), new("kind", kind), new("result", passed ? "passed" : "failed"));

    /// <summary>Counts an accepted connection.</summary>
    public void Accepted(string listener) => _accepted.Add(1, new KeyValuePair<string, object?>("listener", listener));

    /// <summary>Counts a refused connection.</summary>
    public void Refused(string listener, string? cluster, string reason) =>
        _refused.Add(1, new("listener", listener), new("cluster", cluster ?? string.Empty), new("reason", reason));

    /// <summary>Counts a failed connect to a destination.</summary>
    public void ConnectFailed(string listener, string cluster, string destination, string reason) =>
        _connectFailures.Add(1, new("listener", listener), new("cluster", cluster), new("destination", destination), new("reason", reason));

    /// <summary>Counts an unparseable preamble.</summary>
    public void Malformed(string listener, string kind) =>
        _malformed.Add(1, new("listener", listener), new("kind", kind));

    /// <summary>One more (+1) or one fewer (-1) open connection.</summary>
    public void Active(in StreamTags tags, int delta) =>
        _active.Add(delta, new("listener", tags.Listener), new("cluster", tags.Cluster), new("destination", tags.Destination));

    /// <summary>Bytes from the client to the destination.</summary>
    public void BytesIn(in StreamTags tags, long bytes) =>
        _bytesIn.Add(bytes, new("listener", tags.Listener), new("cluster", tags.Cluster), new("destination", tags.Destination));

    /// <summary>Bytes from the destination to the client.</summary>
    public void BytesOut(in StreamTags tags, long bytes) =>
        _bytesOut.Add(bytes, new("listener", tags.Listener), new("cluster", tags.Cluster), new("destination", tags.Destination));

    /// <summary>Records a finished connection's lifetime.</summary>
    public void Duration(in StreamTags tags, TimeSpan duration) =>
        _duration.Record(duration.TotalSeconds, new("listener", tags.Listener), new("cluster", tags.Cluster), new("destination", tags.Destination));
}
