using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace L7Gate.Proxy.Warmup;

/// <summary>
/// First step of the gateway pipeline. A warm-up request (marker header with the secret, from loopback) has its
/// request metrics switched off and is flagged for the proxy pipeline; its forwarded copy, coming back with the sink
/// header, is answered here with a small 200, so it never reaches a route's destination.
/// </summary>
internal sealed class WarmupMiddleware(RequestDelegate next, WarmupMarker marker, WarmupSink sink)
{
    public Task InvokeAsync(HttpContext context)
    {
        var headers = context.Request.Headers;
        if (!headers.ContainsKey(WarmupMarker.RequestHeader) && !headers.ContainsKey(WarmupMarker.SinkHeader))
        {
            return next(context);
        }

        if (!IsLoopback(context.Connection.RemoteIpAddress))
        {
            return next(context);
        }

        if (marker.Matches(headers[WarmupMarker.SinkHeader]))
        {
            DisableMetrics(context);
            context.Response.StatusCode = StatusCodes.Status200OK;
            context.Response.ContentLength = 4;
            return context.Response.Body.WriteAsync("warm"u8.ToArray()).AsTask();
        }

        if (marker.Matches(headers[WarmupMarker.RequestHeader]) && sink.Destination is { } destination)
        {
            DisableMetrics(context);
            headers[WarmupMarker.SinkHeader] = marker.Value;
            context.Features.Set(new WarmupRequestFeature(destination));
        }

        return next(context);
    }

    private static bool IsLoopback(IPAddress? address) => address is not null && IPAddress.IsLoopback(address);

    private static void DisableMetrics(HttpContext context)
    {
        if (context.Features.Get<IHttpMetricsTagsFeature>() is { } metrics)
        {
            metrics.MetricsDisabled = true;
        }
    }
}
