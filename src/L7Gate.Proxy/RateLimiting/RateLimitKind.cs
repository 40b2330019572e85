namespace L7Gate.Proxy.RateLimiting;

/// <summary>The limiter behind a policy (System.Threading.RateLimiting).</summary>
public static class RateLimitKind
{
    /// <summary>At most PermitLimit requests per Window; the count resets at each window (HAProxy <c>http_req_rate</c> in a stick table).</summary>
    public const string FixedWindow = "FixedWindow";

    /// <summary>Like FixedWindow, but the window slides in SegmentsPerWindow steps, so a burst at a window edge is not doubled.</summary>
    public const string SlidingWindow = "SlidingWindow";

    /// <summary>A bucket of PermitLimit tokens refilled by TokensPerPeriod every ReplenishmentPeriod (nginx <c>limit_req rate= burst=</c>).</summary>
    public const string TokenBucket = "TokenBucket";

    /// <summary>At most PermitLimit requests in flight at once (nginx <c>limit_conn</c>, HAProxy <c>conn_cur</c> / <c>maxconn</c>).</summary>
    public const string Concurrency = "Concurrency";

    /// <summary>Every kind, for messages.</summary>
    public static readonly IReadOnlyList<string> All = [FixedWindow, SlidingWindow, TokenBucket, Concurrency];
}
