using System.Globalization;
using System.Threading.RateLimiting;
using L7Gate.Proxy.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Yarp.ReverseProxy.Model;

namespace L7Gate.Proxy.RateLimiting;

/// <summary>
/// Fills ASP.NET Core's <see cref="RateLimiterOptions"/> from the <c>RateLimiting</c> section: one
/// <c>AddPolicy</c> per configured policy, so YARP's <c>RateLimiterPolicy</c> route key finds config-only names,
/// and one rejection handler answering 429 with <c>Retry-After</c> and counting per route and policy.
/// </summary>
internal sealed partial class RateLimitPolicies(IOptions<RateLimitingOptions> options, ProxyMetrics metrics, ILogger<RateLimitPolicies> logger)
    : IConfigureOptions<RateLimiterOptions>
{
    /// <summary>Names YARP gives a meaning of its own in <c>RateLimiterPolicy</c>.</summary>
    public static readonly IReadOnlyList<string> ReservedNames = ["Default", "Disable"];

    public void Configure(RateLimiterOptions limiter)
    {
        limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        limiter.OnRejected = OnRejectedAsync;
        foreach (var (name, policy) in options.Value.Policies)
        {
            var keyOf = RateLimitPartitions.KeyOf(policy.PartitionBy);
            var create = Factory(policy);
            limiter.AddPolicy(name, context => RateLimitPartition.Get(keyOf(context), create));
        }
    }

    private static Func<string, RateLimiter> Factory(RateLimitPolicyOptions p)
    {
        var permits = p.PermitLimit ?? 1;
        return p.Kind?.ToUpperInvariant() switch
        {
            "SLIDINGWINDOW" => _ => new SlidingWindowRateLimiter(new SlidingWindowRateLimiterOptions
            {
                PermitLimit = permits,
                Window = p.Window ?? TimeSpan.FromSeconds(1),
                SegmentsPerWindow = p.SegmentsPerWindow ?? 1,
                QueueLimit = p.QueueLimit,
                QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
                AutoReplenishment = true,
            }),
            "TOKENBUCKET" => _ => new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
            {
                TokenLimit = permits,
                TokensPerPeriod = p.TokensPerPeriod ?? 1,
                ReplenishmentPeriod = p.ReplenishmentPeriod ?? TimeSpan.FromSeconds(1),
                QueueLimit = p.QueueLimit,
                QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
                AutoReplenishment = true,
            }),
            "CONCURRENCY" => _ => new ConcurrencyLimiter(new ConcurrencyLimiterOptions
            {
                PermitLimit = permits,
                QueueLimit = p.QueueLimit,
                QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            }),
            _ => _ => new FixedWindowRateLimiter(new FixedWindowRateLimiterOptions
            {
                PermitLimit = permits,
                Window = p.Window ?? TimeSpan.FromSeconds(1),
                QueueLimit = p.QueueLimit,
                QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
                AutoReplenishment = true,
            }),
        };
    }

    private ValueTask OnRejectedAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        var http = context.HttpContext;
        var endpoint = http.GetEndpoint();
        var policy = endpoint?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName ?? "-";
        var route = endpoint?.Metadata.GetMetadata<RouteModel>()?.Config.RouteId ?? "-";
        metrics.RateLimited(route, policy);
        LogRejected(logger, route, policy, http.Connection.RemoteIpAddress?.ToString() ?? "-");

        // Windows and buckets know when the next permit comes; a concurrency limit does not, one second is a fair hint.
        var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromSeconds(1);
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        http.Response.ContentType = "application/problem+json";
        return new ValueTask(http.Response.WriteAsync(
            $$"""{"type":"https://www.rfc-editor.org/rfc/rfc6585#section-4","title":"Too Many Requests","status":429,"detail":"Rate limit policy '{{policy}}' of route '{{route}}' exceeded; retry after {{seconds}} s."}""",
            cancellationToken));
    }

    [LoggerMessage(EventId = 2811, Level = LogLevel.Debug, Message = "Route {RouteId}: rate limit policy {Policy} refused client {Client}: 429")]
    private static partial void LogRejected(ILogger logger, string routeId, string policy, string client);
}
