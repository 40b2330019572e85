namespace L7Gate.Admin.Status;

/// <summary>
/// One destination: health as YARP's active and passive checks see it (Unknown, Healthy, Unhealthy), the operator's
/// admin state (Active, Draining, Disabled), whether the load balancer may pick it now, and requests in flight (HTTP requests plus open L4 connections of <c>Streams</c> listeners).
/// </summary>
public sealed record DestinationStatus(
    string DestinationId,
    string Address,
    string ActiveHealth,
    string PassiveHealth,
    string AdminState,
    bool Available,
    int InFlight);
