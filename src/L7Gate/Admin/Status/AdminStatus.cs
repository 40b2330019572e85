using L7Gate.Failover.Control;

namespace L7Gate.Admin.Status;

/// <summary>The body of <c>GET /admin/status</c>.</summary>
public sealed record AdminStatus(
    NodeStatus Node,
    ConfigStatus Config,
    IReadOnlyList<RouteStatus> Routes,
    IReadOnlyList<ClusterStatus> Clusters,
    IReadOnlyList<FailoverInstanceStatus> Failover);
