using Microsoft.AspNetCore.Http;

namespace L7Gate.Proxy.Retry;

/// <summary>
/// Per-request retry bookkeeping shared between <see cref="RetryMiddleware"/> (which loops over attempts) and
/// <see cref="RetryStatusTransformProvider"/> (which sees the status before the body is copied to the client).
/// </summary>
internal sealed class RetryState(RetryPolicy policy, bool idempotent, ReadTrackingStream? body)
{
    public RetryPolicy Policy => policy;

    public int Attempt { get; set; } = 1;

    /// <summary>Destinations not yet tried, this attempt's included.</summary>
    public int Untried { get; set; }

    /// <summary>Set by the response transform when it held back a retryable response.</summary>
    public int? HeldStatus { get; set; }

    public bool BodyStreamed => body?.HasRead ?? false;

    /// <summary>Whether another attempt is possible at all after this one.</summary>
    public bool HasNextAttempt => Attempt < policy.MaxAttempts && Untried > 1;

    /// <summary>
    /// The request may go to another destination after the failure <paramref name="reason"/>: nothing was sent
    /// (connect), or it was sent but is idempotent and its body was not streamed.
    /// </summary>
    public bool MayRetry(string reason) => HasNextAttempt && !BodyStreamed && (reason == RetryReason.Connect || idempotent);

    public bool MayRetryStatus(int status) => policy.OnStatusCodes.Contains(status) && MayRetry(RetryReason.Status);

    /// <summary>RFC 9110 §9.2.2 idempotent methods.</summary>
    public static bool IsIdempotent(string method) =>
        HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method)
        || HttpMethods.IsTrace(method) || HttpMethods.IsPut(method) || HttpMethods.IsDelete(method);
}
