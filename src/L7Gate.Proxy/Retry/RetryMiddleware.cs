using System.Diagnostics;
using System.Net.Http;
using L7Gate.Proxy.Diagnostics;
using L7Gate.Proxy.Health;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Model;

namespace L7Gate.Proxy.Retry;

/// <summary>
/// Proxy-pipeline step around load balancing and YARP's forwarder (YARP forwards once). An attempt that failed
/// before anything reached the client is retried on another untried available destination, within the cluster's
/// <c>Retry.MaxAttempts</c>: always when nothing was sent (connect failed), and when the request was sent only if
/// it is idempotent and its body was not streamed. A cluster with no available destination gets a 503 problem.
/// </summary>
internal sealed partial class RetryMiddleware(RequestDelegate next, ProxyMetrics metrics, ILogger<RetryMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var proxy = context.GetReverseProxyFeature();
        var clusterId = proxy.Cluster.Config.ClusterId;
        var routeId = proxy.Route.Config.RouteId;

        if (proxy.AvailableDestinations.Count == 0)
        {
            metrics.Unavailable(clusterId);
            LogNoAvailableDestination(logger, routeId, clusterId);
            await ProxyProblems.WriteUnavailableAsync(context, clusterId, proxy.AllDestinations.Count);
            return;
        }

        // Only a request that has a body needs watching; GETs (the bulk of traffic) skip the wrapper.
        var body = HasBody(context.Request) ? new ReadTrackingStream(context.Request.Body) : null;
        if (body is not null)
        {
            context.Request.Body = body;
        }

        var state = new RetryState(RetryPolicy.For(proxy.Cluster.Config), RetryState.IsIdempotent(context.Request.Method), body);
        context.Features.Set(state);

        // Load balancing replaces AvailableDestinations with the pick; the original list is left intact, so it is
        // copied only when a retry actually happens.
        IReadOnlyList<DestinationState> candidates = proxy.AvailableDestinations;
        List<DestinationState>? untried = null;
        (string Reason, string DestinationId)? previousFailure = null;
        try
        {
            while (true)
            {
                state.Untried = untried?.Count ?? candidates.Count;
                using (var activity = previousFailure is { } failure ? StartRetryActivity(routeId, clusterId, state.Attempt, failure) : null)
                {
                    await next(context);
                    activity?.SetTag("l7gate.destination", proxy.ProxiedDestination?.DestinationId);
                }

                var reason = FailureReason(context, state);
                if (reason is null || context.Response.HasStarted)
                {
                    return;
                }

                var failed = proxy.ProxiedDestination;
                if (!state.MayRetry(reason) || failed is null)
                {
                    await ProxyProblems.WriteForwardingFailedAsync(context, clusterId, failed?.DestinationId, state.Attempt);
                    return;
                }

                previousFailure = (reason, failed.DestinationId);
                untried ??= [.. candidates];
                untried.Remove(failed);
                metrics.Retry(routeId, clusterId, reason);
                LogRetrying(logger, routeId, clusterId, failed.DestinationId, reason, state.Attempt, state.Policy.MaxAttempts);

                context.Response.Clear();
                context.Features.Set<IForwarderErrorFeature>(null);
                state.HeldStatus = null;
                state.Attempt++;
                proxy.ProxiedDestination = null;
                proxy.AvailableDestinations = untried.ToArray();
            }
        }
        finally
        {
            context.Features.Set<RetryState>(null);
            if (body is not null)
            {
                context.Request.Body = body.Inner;
            }
        }
    }

    private static Activity? StartRetryActivity(string routeId, string clusterId, int attempt, (string Reason, string DestinationId) failure)
    {
        var activity = ProxyActivitySource.Instance.StartActivity("proxy.retry");
        activity?.SetTag("l7gate.route", routeId)
            .SetTag("l7gate.cluster", clusterId)
            .SetTag("l7gate.retry.attempt", attempt)
            .SetTag("l7gate.retry.reason", failure.Reason)
            .SetTag("l7gate.retry.failed_destination", failure.DestinationId);
        return activity;
    }

    private static bool HasBody(HttpRequest request) =>
        request.HttpContext.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody
        ?? (request.ContentLength > 0 || request.Headers.TransferEncoding.Count > 0);

    /// <summary>Why the attempt failed in a way a retry could fix, or null when it succeeded or cannot be retried.</summary>
    private static string? FailureReason(HttpContext context, RetryState state)
    {
        if (state.HeldStatus is not null)
        {
            return RetryReason.Status;
        }

        var error = context.Features.Get<IForwarderErrorFeature>();
        return error?.Error switch
        {
            ForwarderError.Request or ForwarderError.RequestCreation when NothingSent(error.Exception) => RetryReason.Connect,
            ForwarderError.Request or ForwarderError.RequestBodyDestination or ForwarderError.ResponseHeaders => RetryReason.Reset,
            ForwarderError.RequestTimedOut => RetryReason.Timeout,
            _ => null,
        };
    }

    /// <summary>SocketsHttpHandler reports a connection that could not be established (refused, unreachable,
    /// our connect timeout, name resolution) as ConnectionError/NameResolutionError: no byte was sent.</summary>
    private static bool NothingSent(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError })
            {
                return true;
            }
        }

        return false;
    }

    [LoggerMessage(EventId = 2501, Level = LogLevel.Information,
        Message = "Route {RouteId} cluster {ClusterId}: destination {DestinationId} failed ({Reason}) on attempt {Attempt} of {MaxAttempts}; retrying on another destination")]
    private static partial void LogRetrying(ILogger logger, string routeId, string clusterId, string destinationId, string reason, int attempt, int maxAttempts);

    [LoggerMessage(EventId = 2502, Level = LogLevel.Warning,
        Message = "Route {RouteId} cluster {ClusterId}: no available destination (all unhealthy, draining or disabled); answering 503")]
    private static partial void LogNoAvailableDestination(ILogger logger, string routeId, string clusterId);
}
