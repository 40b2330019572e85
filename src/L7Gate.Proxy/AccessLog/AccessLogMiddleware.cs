using System.Diagnostics;
using L7Gate.Proxy.Configuration;
using L7Gate.Proxy.Warmup;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Yarp.ReverseProxy.Model;

namespace L7Gate.Proxy.AccessLog;

/// <summary>
/// Outermost step of the proxy listeners' pipeline (after the trusted-proxy step, so the client is the real one):
/// captures one <see cref="AccessLogEntry"/> per request and queues it when the response is done. Every request on
/// the listeners is logged, proxied or not (404, 403, 429 included, as nginx does), except on routes with
/// <c>AccessLog: { "Enabled": false }</c>. Formatting happens on the writer's thread, not here.
/// </summary>
internal sealed class AccessLogMiddleware(RequestDelegate next, AccessLogQueue queue, IOptionsMonitor<AccessLogOptions> options, TimeProvider time)
{
    public async Task InvokeAsync(HttpContext context)
    {
        // Start-up warm-up requests (README "Warmup") are the gateway talking to itself: not logged.
        if (!options.CurrentValue.Enabled || context.Features.Get<WarmupRequestFeature>() is not null)
        {
            await next(context);
            return;
        }

        var entry = queue.Rent();
        entry.Time = time.GetUtcNow();
        entry.StartTimestamp = time.GetTimestamp();
        context.Features.Set(entry);

        var responseFeature = context.Features.GetRequiredFeature<IHttpResponseBodyFeature>();
        entry.ResponseBody.Attach(responseFeature);
        context.Features.Set<IHttpResponseBodyFeature>(entry.ResponseBody);

        var request = context.Request;
        var countsBody = context.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody ?? request.ContentLength > 0;
        if (countsBody)
        {
            entry.RequestBody.Attach(request.Body);
            request.Body = entry.RequestBody;
        }

        try
        {
            await next(context);
        }
        finally
        {
            context.Features.Set<IHttpResponseBodyFeature>(responseFeature);
            if (countsBody)
            {
                request.Body = entry.RequestBody.Inner;
            }

            context.Features.Set<AccessLogEntry>(null);
            Complete(context, entry);
        }
    }

    private void Complete(HttpContext context, AccessLogEntry entry)
    {
        var proxy = context.Features.Get<IReverseProxyFeature>();
        var route = proxy?.Route.Config;
        if (route?.Metadata is { } metadata && metadata.TryGetValue(L7GateMetadataKeys.AccessLogEnabled, out var enabled)
            && string.Equals(enabled, "false", StringComparison.OrdinalIgnoreCase))
        {
            queue.Return(entry);
            return;
        }

        var request = context.Request;
        var connection = context.Connection;
        entry.Duration = time.GetElapsedTime(entry.StartTimestamp);
        entry.ClientAddress = connection.RemoteIpAddress;
        entry.ClientPort = connection.RemotePort;
        entry.Method = request.Method;
        entry.Host = request.Headers.Host;
        entry.Path = request.PathBase.HasValue ? request.PathBase.Add(request.Path) : request.Path;
        entry.Query = request.QueryString.Value;
        entry.Protocol = request.Protocol;
        entry.Status = context.Response.StatusCode;
        entry.BytesIn = entry.RequestBody.Count;
        entry.BytesOut = entry.ResponseBody.Count;
        entry.UserAgent = request.Headers.UserAgent;
        entry.Referer = request.Headers.Referer;
        entry.RouteId = route?.RouteId;
        entry.ClusterId = proxy?.Cluster?.Config.ClusterId ?? route?.ClusterId;
        entry.DestinationId = proxy?.ProxiedDestination?.DestinationId;
        if (Activity.Current is { } activity && activity.IdFormat == ActivityIdFormat.W3C)
        {
            entry.TraceId = activity.TraceId;
        }

        if (context.Features.Get<ITlsHandshakeFeature>() is { } tls)
        {
            entry.TlsProtocol = tls.Protocol;
            entry.Sni = tls.HostName;
        }

        queue.Enqueue(entry);
    }
}
