using System.Diagnostics.Metrics;

namespace L7Gate.Proxy.Diagnostics;

/// <summary>The proxy library's instruments, on the <c>L7Gate.Proxy</c> meter.</summary>
public sealed class ProxyMetrics
{
    /// <summary>Meter name; telemetry subscribes to every <c>L7Gate.*</c> meter.</summary>
    public const string MeterName = "L7Gate.Proxy";

    private readonly Counter<long> _retries;
    private readonly Counter<long> _unavailable;
    private readonly Counter<long> _malformedHeaders;
    private readonly Counter<long> _passiveEjections;
    private readonly Counter<long> _refused;
    private readonly Counter<long> _passiveFallbacks;
    private readonly Counter<long> _accessLogDropped;
    private readonly Counter<long> _rateLimited;
    private readonly Counter<long> _accessDenied;

    /// <summary>Creates the instruments from the host's meter factory.</summary>
    public ProxyMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _retries = meter.CreateCounter<long>("l7gate.proxy.retries", "{retry}",
            "Requests sent again to another destination after a failed attempt.");
        _unavailable = meter.CreateCounter<long>("l7gate.proxy.unavailable", "{request}",
            "Requests answered 503 because their cluster had no available destination.");
        _malformedHeaders = meter.CreateCounter<long>("l7gate.routing.malformed_headers", "{header}",
            "Routing headers (Accept-Language, User-Agent) that could not be parsed; the request took the fallback route.");
        _refused = meter.CreateCounter<long>("l7gate.proxy.refused", "{request}",
            "Requests the gateway refused itself instead of forwarding (reason=trace: TRACE answered 405).");
        _passiveEjections = meter.CreateCounter<long>("l7gate.proxy.passive_ejections", "{ejection}",
            "Destinations ejected by passive health for their Passive.ReactivationPeriod.");
        _passiveFallbacks = meter.CreateCounter<long>("l7gate.proxy.passive_fallbacks", "{fallback}",
            "Times a cluster whose every destination was ejected by passive health fell back to those passing active probes.");
        _accessLogDropped = meter.CreateCounter<long>("l7gate.accesslog.dropped", "{line}",
            "Access-log lines dropped because the queue to the writer was full (the disk or stdout could not keep up).");
        _rateLimited = meter.CreateCounter<long>("l7gate.ratelimit.rejected", "{request}",
            "Requests answered 429 by a RateLimiting policy, per route and policy.");
        _accessDenied = meter.CreateCounter<long>("l7gate.accesscontrol.denied", "{request}",
            "Requests answered 403 by an AccessControl list, per scope (route or listener) and its name.");
    }

    /// <summary>Counts one access-log line dropped at a full queue.</summary>
    public void AccessLogDropped() => _accessLogDropped.Add(1);

    /// <summary>Counts one request refused by rate-limit policy <paramref name="policy"/> on route <paramref name="routeId"/>.</summary>
    public void RateLimited(string routeId, string policy) =>
        _rateLimited.Add(1, new("route", routeId), new("policy", policy));

    /// <summary>Counts one request refused by an allow/deny list; <paramref name="scope"/> is "route" or "listener".</summary>
    public void AccessDenied(string scope, string name) =>
        _accessDenied.Add(1, new("scope", scope), new("name", name));

    /// <summary>Counts one retry.</summary>
    public void Retry(string routeId, string clusterId, string reason) =>
        _retries.Add(1, new("route", routeId), new("cluster", clusterId), new("reason", reason));

    /// <summary>Counts one request refused for lack of an available destination.</summary>
    public void Unavailable(string clusterId) => _unavailable.Add(1, new KeyValuePair<string, object?>("cluster", clusterId));

    /// <summary>Counts one malformed routing header.</summary>
    public void MalformedHeader(string header) => _malformedHeaders.Add(1, new KeyValuePair<string, object?>("header", header));

    /// <summary>Counts one passive-health ejection.</summary>
    public void PassiveEjection(string clusterId, string destinationId) =>
        _passiveEjections.Add(1, new("cluster", clusterId), new("destination", destinationId));

    /// <summary>Counts one fall-back of a cluster to its actively healthy destinations.</summary>
    public void PassiveFallback(string clusterId) => _passiveFallbacks.Add(1, new KeyValuePair<string, object?>("cluster", clusterId));

    /// <summary>Counts one request refused by the gateway before forwarding.</summary>
    public void Refused(string reason) => _refused.Add(1, new KeyValuePair<string, object?>("reason", reason));
}
