namespace L7Gate.Admin.Status;

/// <summary>One cluster and its destinations.</summary>
public sealed record ClusterStatus(
    string ClusterId,
    string? LoadBalancingPolicy,
    int AvailableDestinations,
    IReadOnlyList<DestinationStatus> Destinations);
