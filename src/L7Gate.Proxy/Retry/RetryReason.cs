namespace L7Gate.Proxy.Retry;

/// <summary>Why an attempt failed; the <c>reason</c> tag of <c>l7gate.proxy.retries</c>.</summary>
internal static class RetryReason
{
    /// <summary>The connection could not be made (refused, unreachable, connect timeout): nothing was sent.</summary>
    public const string Connect = "connect";

    /// <summary>The request was sent but no response came (connection reset or closed).</summary>
    public const string Reset = "reset";

    /// <summary>The request was sent but the response did not come within the activity timeout.</summary>
    public const string Timeout = "timeout";

    /// <summary>The response came with one of the cluster's <c>Retry.OnStatusCodes</c>.</summary>
    public const string Status = "status";
}
