namespace L7Gate.Proxy.RateLimiting;

/// <summary>One named policy of the <c>RateLimiting:Policies</c> section.</summary>
public sealed class RateLimitPolicyOptions
{
    /// <summary>FixedWindow, SlidingWindow, TokenBucket or Concurrency (see <see cref="RateLimitKind"/>). Required.</summary>
    public string? Kind { get; set; }

    /// <summary>
    /// Who shares a limit: <c>ClientIp</c> (each client address its own; the real client behind trusted proxies, see
    /// <c>TrustedProxies</c>), <c>Header:&lt;name&gt;</c> (each value of that request header its own, e.g. an API key;
    /// requests without it share one), or <c>Global</c> (one limit for the route). Defaults to ClientIp (nginx
    /// <c>limit_req_zone $binary_remote_addr</c>, HAProxy <c>stick-table type ip</c> + <c>track-sc0 src</c>).
    /// </summary>
    public string PartitionBy { get; set; } = "ClientIp";

    /// <summary>Requests per window (windows), bucket size (TokenBucket) or requests in flight (Concurrency). Required.</summary>
    public int? PermitLimit { get; set; }

    /// <summary>Window length for FixedWindow and SlidingWindow. Required for them.</summary>
    public TimeSpan? Window { get; set; }

    /// <summary>Segments a SlidingWindow's window is split into. Required for SlidingWindow.</summary>
    public int? SegmentsPerWindow { get; set; }

    /// <summary>Tokens added each ReplenishmentPeriod (TokenBucket). Required for TokenBucket.</summary>
    public int? TokensPerPeriod { get; set; }

    /// <summary>How often TokensPerPeriod tokens are added (TokenBucket). Required for TokenBucket.</summary>
    public TimeSpan? ReplenishmentPeriod { get; set; }

    /// <summary>Requests over the limit held waiting for a permit instead of refused at once. Defaults to 0 (refuse at
    /// once, HAProxy's <c>deny</c>; nginx <c>limit_req ... burst=N</c> queues N).</summary>
    public int QueueLimit { get; set; }
}
