namespace L7Gate.Proxy.Streams.Health;

/// <summary>
/// The active health check kinds, named in a cluster's <c>HealthCheck.Active.Policy</c> (YARP's key). YARP's active
/// monitor schedules every kind (<c>Interval</c>, <c>Timeout</c>) and every kind is judged like YARP's default
/// <c>ConsecutiveFailures</c> (threshold from cluster metadata <c>ConsecutiveFailuresHealthPolicy.Threshold</c>, default 2).
/// </summary>
public static class StreamProbeKinds
{
    /// <summary>YARP's default: an HTTP(S) GET of <c>Active.Path</c>, healthy on a 2xx (HAProxy <c>option httpchk</c>, nginx <c>health_check uri=</c>).</summary>
    public const string Http = "ConsecutiveFailures";

    /// <summary>A TCP connect to the destination, closed at once (HAProxy <c>check</c> in <c>mode tcp</c>, nginx <c>health_check</c> in <c>stream</c>).</summary>
    public const string TcpConnect = "TcpConnect";

    /// <summary>A TCP connect and a TLS handshake (HAProxy <c>check check-ssl</c>, nginx stream <c>health_check</c> + <c>proxy_ssl</c>).</summary>
    public const string TlsHandshake = "TlsHandshake";

    /// <summary>Every kind's policy name.</summary>
    public static readonly IReadOnlyList<string> All = [Http, TcpConnect, TlsHandshake];

    /// <summary>True for the kinds L7Gate probes itself, without HTTP.</summary>
    public static bool IsStreamKind(string? policy) =>
        string.Equals(policy, TcpConnect, StringComparison.OrdinalIgnoreCase) || string.Equals(policy, TlsHandshake, StringComparison.OrdinalIgnoreCase);

    /// <summary>The <c>kind</c> tag of <c>l7gate.health.probes</c>.</summary>
    public static string Tag(string? policy) =>
        string.Equals(policy, TcpConnect, StringComparison.OrdinalIgnoreCase) ? "tcp_connect"
        : string.Equals(policy, TlsHandshake, StringComparison.OrdinalIgnoreCase) ? "tls_handshake"
        : "http";
}
