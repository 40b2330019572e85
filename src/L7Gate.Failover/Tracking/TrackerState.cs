namespace L7Gate.Failover.Tracking;

/// <summary>One tracked object's current health and weight (keepalived semantics).</summary>
/// <param name="Name">For logs: the interface name or "proxy".</param>
/// <param name="Weight">0: failure → Fault; negative: subtracted while failing; positive: added while healthy.</param>
/// <param name="Healthy">Current (debounced) health.</param>
public readonly record struct TrackerState(string Name, int Weight, bool Healthy);
