namespace L7Gate.Telemetry;

/// <summary>Meter, instrument and activity-source names L7Gate publishes (documented in docs/telemetry in the README).</summary>
public static class TelemetryNames
{
    /// <summary>Wildcard that picks up every L7Gate meter and activity source: L7Gate.Proxy, L7Gate.Failover, L7Gate.Admin, L7Gate.Host.</summary>
    public const string Wildcard = "L7Gate.*";

    /// <summary>Meter of the per-request proxy instruments: the proxy library's meter, so every l7gate.proxy.* lives in one place.</summary>
    public const string ProxyMeter = "L7Gate.Proxy";

    /// <summary>Counter of proxied requests {route, cluster, status_code}.</summary>
    public const string Requests = "l7gate.proxy.requests";

    /// <summary>Histogram of proxied request duration in seconds {route, cluster, status_code}.</summary>
    public const string RequestDuration = "l7gate.proxy.request.duration";

    /// <summary>Gauge per destination and check {cluster, destination, check=active|passive}: 1 healthy, 0 unhealthy, -1 unknown.</summary>
    public const string DestinationHealth = "l7gate.proxy.destination.health";

    /// <summary>Gauge per destination {cluster, destination}: 0 Active, 1 Draining, 2 Disabled.</summary>
    public const string DestinationAdminState = "l7gate.proxy.destination.admin_state";
}
