using L7Gate.Proxy.Warmup;
using Microsoft.AspNetCore.Http;
using Yarp.ReverseProxy.Model;

namespace L7Gate.Telemetry;

/// <summary>
/// Wraps the whole pipeline and, once the response is done, records requests that YARP handled: the route and
/// cluster come from <see cref="IReverseProxyFeature"/>, which only proxied requests carry.
/// </summary>
internal sealed class ProxyRequestMetricsMiddleware(RequestDelegate next, GatewayMetrics metrics, RequestRateHistory history, TimeProvider time)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var started = time.GetTimestamp();
        try
        {
            await next(context);
        }
        finally
        {
            // Warm-up traffic runs the real pipeline but is nobody's request: it is not counted.
            if (context.Features.Get<IReverseProxyFeature>() is { } proxy && context.Features.Get<WarmupRequestFeature>() is null)
            {
                var cluster = proxy.Cluster?.Config.ClusterId ?? proxy.Route.Config.ClusterId ?? string.Empty;
                metrics.RecordRequest(proxy.Route.Config.RouteId, cluster, context.Response.StatusCode, time.GetElapsedTime(started));
                history.Record(cluster);
            }
        }
    }
}
