namespace L7Gate.Proxy.Retry;

/// <summary>
/// Cluster <c>Retry</c> section: how often a request that failed on one destination is tried on another.
/// On by default; <c>"Retry": { "MaxAttempts": 1 }</c> turns retries off for a cluster.
/// </summary>
public sealed class RetryOptions
{
    /// <summary>Default attempts per request (first try included); HAProxy's <c>retries 3</c> default.</summary>
    public const int DefaultMaxAttempts = 3;

    /// <summary>Statuses retried when absent: the gateway-class errors a dying backend or its own proxy produce.</summary>
    public static readonly IReadOnlyList<int> DefaultOnStatusCodes = [502, 503, 504];

    /// <summary>Attempts per request including the first, 1–10.</summary>
    public int MaxAttempts { get; set; } = DefaultMaxAttempts;

    /// <summary>Response statuses (500–599) that make an idempotent request with an unstreamed body retry.</summary>
    public int[]? OnStatusCodes { get; set; }

    /// <summary>The statuses in effect: the configured ones, or the defaults when the key is absent.</summary>
    public IReadOnlyList<int> EffectiveOnStatusCodes => OnStatusCodes ?? DefaultOnStatusCodes;
}
