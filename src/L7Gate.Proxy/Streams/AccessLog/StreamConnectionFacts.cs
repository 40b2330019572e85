using System.Net;

namespace L7Gate.Proxy.Streams.AccessLog;

/// <summary>What one L4 connection did, gathered while it runs, for its access-log line and its close log.</summary>
internal sealed class StreamConnectionFacts
{
    public required string Listener { get; init; }

    public DateTimeOffset Start { get; init; }

    public long StartTimestamp { get; init; }

    /// <summary>The client (from the PROXY header when the listener accepts one).</summary>
    public IPEndPoint? Client { get; set; }

    public string? Sni { get; set; }

    public string? ClusterId { get; set; }

    public string? DestinationId { get; set; }

    /// <summary>Connects tried (the failed ones and the one that worked).</summary>
    public int Attempts { get; set; }

    public long BytesIn { get; set; }

    public long BytesOut { get; set; }

    /// <summary>A <see cref="StreamEndReason"/> or a refusal reason.</summary>
    public string End { get; set; } = StreamEndReason.ClientClosed;
}
