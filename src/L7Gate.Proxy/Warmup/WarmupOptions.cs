namespace L7Gate.Proxy.Warmup;

/// <summary>
/// The <c>Warmup</c> section: at start, L7Gate sends requests shaped like each route's match through its own proxy
/// listener and pipeline (routing, YARP's forwarder, its HttpClient, Kestrel) to a loopback sink, so a node that
/// becomes master after a long idle backup serves its first client requests with compiled code. Real destinations
/// are never contacted and nothing is counted in the request metrics.
/// </summary>
public sealed class WarmupOptions
{
    /// <summary>The section name.</summary>
    public const string SectionName = "Warmup";

    /// <summary>Whether to warm up at start. Defaults to true (nginx and HAProxy need none: they are compiled ahead of time).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Requests per route. Defaults to 40: past .NET's tiering threshold (30 calls), so the hot methods are
    /// recompiled optimised in the background before a client arrives.
    /// </summary>
    public int RequestsPerRoute { get; set; } = 40;

    /// <summary>Upper bound on warm-up requests in all, whatever the number of routes. Defaults to 4,000.</summary>
    public int MaxRequests { get; set; } = 4_000;

    /// <summary>How long the warm-up may take before it is abandoned. Defaults to 30 s.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
}
