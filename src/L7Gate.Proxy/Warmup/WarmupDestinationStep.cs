using Microsoft.AspNetCore.Http;
using Yarp.ReverseProxy.Model;

namespace L7Gate.Proxy.Warmup;

/// <summary>
/// First step of the proxy pipeline: a warm-up request gets the loopback sink as its only available destination, so
/// load balancing, retries, passive health and the forwarder run their real code without touching the cluster.
/// </summary>
internal sealed class WarmupDestinationStep(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (context.Features.Get<WarmupRequestFeature>() is { } warmup)
        {
            context.GetReverseProxyFeature().AvailableDestinations = [warmup.Sink];
        }

        return next(context);
    }
}
