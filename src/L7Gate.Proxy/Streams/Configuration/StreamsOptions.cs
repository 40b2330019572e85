namespace L7Gate.Proxy.Streams.Configuration;

/// <summary>The <c>Streams</c> section: L4 (TCP/TLS passthrough) listeners, nginx's <c>stream</c> block.</summary>
public sealed class StreamsOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Streams";

    /// <summary>Listeners by name (the name tags their metrics and logs).</summary>
    public Dictionary<string, StreamListenerOptions> Listeners { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}
