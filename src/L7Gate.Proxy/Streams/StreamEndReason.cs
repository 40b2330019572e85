namespace L7Gate.Proxy.Streams;

/// <summary>
/// Why an L4 connection ended: the <c>end</c> field of its access-log line and the <c>reason</c> of its close log.
/// Relayed connections end with the first of client_closed, backend_closed, client_reset, backend_reset,
/// idle_timeout, drain_timeout; refused ones with the refusal reason of <c>l7gate.stream.connections.refused</c>.
/// </summary>
public static class StreamEndReason
{
    /// <summary>The client sent its FIN first (the backend may have answered after it: half-close).</summary>
    public const string ClientClosed = "client_closed";

    /// <summary>The backend sent its FIN first (the client may have sent more after it: half-close).</summary>
    public const string BackendClosed = "backend_closed";

    /// <summary>The client's side failed (reset, or a write to it failed).</summary>
    public const string ClientReset = "client_reset";

    /// <summary>The backend's side failed (reset, or a write to it failed after it had closed).</summary>
    public const string BackendReset = "backend_reset";

    /// <summary>No byte either way for the listener's IdleTimeout.</summary>
    public const string IdleTimeout = "idle_timeout";

    /// <summary>Still open at the end of the listener's DrainTimeout after a planned stop began.</summary>
    public const string DrainTimeout = "drain_timeout";

    /// <summary>The listener already had MaxConnections open.</summary>
    public const string MaxConnections = "max_connections";

    /// <summary>No SNI rule matched and the listener has no default ClusterId.</summary>
    public const string NoCluster = "no_cluster";

    /// <summary>The cluster the listener names does not exist (yet).</summary>
    public const string UnknownCluster = "unknown_cluster";

    /// <summary>The cluster has no available destination (all unhealthy, draining or disabled).</summary>
    public const string NoDestination = "no_destination";

    /// <summary>Every available destination refused or timed out on connect.</summary>
    public const string ConnectFailed = "connect_failed";

    /// <summary>nginx stream's <c>$status</c> for an end reason: 200 relayed, 400 malformed preamble, 502 no connect, 503 nowhere to go.</summary>
    public static int Status(string reason) => reason switch
    {
        ConnectFailed => 502,
        MaxConnections or NoCluster or UnknownCluster or NoDestination => 503,
        _ when reason.StartsWith("bad_", StringComparison.Ordinal) => 400,
        _ => 200,
    };
}
