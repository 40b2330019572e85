using L7Gate.Proxy.Diagnostics;
using L7Gate.Proxy.Warmup;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Yarp.ReverseProxy.Model;

namespace L7Gate.Proxy.AccessControl;

/// <summary>
/// After routing, before rate limiting (a refused client spends no tokens): the listener's list, then the route's.
/// A refused request gets a 403 problem and is counted in <c>l7gate.accesscontrol.denied</c>.
/// </summary>
internal sealed partial class AccessControlMiddleware
{
    private readonly RequestDelegate _next;
    private readonly ProxyMetrics _metrics;
    private readonly ILogger<AccessControlMiddleware> _logger;
    private volatile Dictionary<int, AccessRule> _listeners;

    public AccessControlMiddleware(RequestDelegate next, ProxyMetrics metrics, IOptionsMonitor<ListenerAccessControlOptions> options, ILogger<AccessControlMiddleware> logger)
    {
        _next = next;
        _metrics = metrics;
        _logger = logger;
        _listeners = Build(options.CurrentValue);
        options.OnChange(changed => _listeners = Build(changed));
    }

    public Task InvokeAsync(HttpContext context)
    {
        if (context.Features.Get<WarmupRequestFeature>() is not null)
        {
            return _next(context);
        }

        var client = context.Connection.RemoteIpAddress;
        var listeners = _listeners;
        if (listeners.Count > 0 && listeners.TryGetValue(context.Connection.LocalPort, out var listenerRule) && !listenerRule.Permits(client))
        {
            return DenyAsync(context, "listener", context.Connection.LocalPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        var endpoint = context.GetEndpoint();
        if (endpoint?.Metadata.GetMetadata<AccessRule>() is { } routeRule && !routeRule.Permits(client))
        {
            return DenyAsync(context, "route", endpoint.Metadata.GetMetadata<RouteModel>()?.Config.RouteId ?? endpoint.DisplayName ?? "-");
        }

        return _next(context);
    }

    private async Task DenyAsync(HttpContext context, string scope, string name)
    {
        _metrics.AccessDenied(scope, name);
        LogDenied(_logger, scope, name, context.Connection.RemoteIpAddress?.ToString() ?? "-");
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        context.Response.ContentType = "application/problem+json";
        await context.Response.WriteAsync(
            $$"""{"type":"https://www.rfc-editor.org/rfc/rfc9110#section-15.5.4","title":"Forbidden","status":403,"detail":"Client address not allowed by the {{scope}} access list."}""");
    }

    private static Dictionary<int, AccessRule> Build(ListenerAccessControlOptions options)
    {
        var rules = new Dictionary<int, AccessRule>();
        foreach (var (key, list) in options.Listeners)
        {
            if (int.TryParse(key, out var port))
            {
                rules[port] = new AccessRule(list);
            }
        }

        return rules;
    }

    [LoggerMessage(EventId = 2810, Level = LogLevel.Debug, Message = "Access list of {Scope} {Name} refused client {Client}: 403")]
    private static partial void LogDenied(ILogger logger, string scope, string name, string client);
}
