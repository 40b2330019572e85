namespace L7Gate.Limits;

/// <summary>
/// The <c>Kestrel:Limits</c> keys L7Gate gives gateway defaults to (Kestrel's own names; every other Kestrel limit
/// keeps Kestrel's default). A key the operator leaves out gets the default below, not Kestrel's.
/// See README "Limits and timeouts".
/// </summary>
public sealed class KestrelLimitsOptions
{
    /// <summary>Section path.</summary>
    public const string SectionName = "Kestrel:Limits";

    /// <summary>Default of <see cref="MaxConcurrentConnections"/>: 10,000 per listener (HAProxy <c>maxconn</c>, nginx <c>worker_connections</c> × workers). Kestrel's own: unlimited.</summary>
    public const long DefaultMaxConcurrentConnections = 10_000;

    /// <summary>Default of <see cref="KeepAliveTimeout"/>: 75 s (nginx <c>keepalive_timeout</c> 75 s). Kestrel's own: 130 s.</summary>
    public static readonly TimeSpan DefaultKeepAliveTimeout = TimeSpan.FromSeconds(75);

    /// <summary>Default of <see cref="RequestHeadersTimeout"/>: 10 s (HAProxy's sample <c>timeout http-request 10s</c>; nginx <c>client_header_timeout</c> 60 s). Kestrel's own: 30 s.</summary>
    public static readonly TimeSpan DefaultRequestHeadersTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Default minimum response rate: 1 KiB/s (Kestrel's own: 240 B/s).</summary>
    public const double DefaultMinResponseBytesPerSecond = 1024;

    /// <summary>Default grace period of the response rate: 10 s (Kestrel's own: 5 s).</summary>
    public static readonly TimeSpan DefaultMinResponseGracePeriod = TimeSpan.FromSeconds(10);

    /// <summary>Open connections each proxy listener accepts; the next one is closed at once. Defaults to 10,000 (HAProxy <c>maxconn</c>).</summary>
    public long? MaxConcurrentConnections { get; set; }

    /// <summary>How long an idle keep-alive connection stays open. Defaults to 75 s (nginx <c>keepalive_timeout</c>, HAProxy <c>timeout http-keep-alive</c>).</summary>
    public TimeSpan? KeepAliveTimeout { get; set; }

    /// <summary>How long a client may take to send the request headers. Defaults to 10 s (HAProxy <c>timeout http-request</c>, nginx <c>client_header_timeout</c>).</summary>
    public TimeSpan? RequestHeadersTimeout { get; set; }

    /// <summary>Slowest a client may read a response before it is disconnected. Defaults to 1 KiB/s after a 10 s grace (nginx <c>send_timeout</c>, HAProxy <c>timeout client</c>).</summary>
    public MinResponseDataRateOptions? MinResponseDataRate { get; set; }
}
