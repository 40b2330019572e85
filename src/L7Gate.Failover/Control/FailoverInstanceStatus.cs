namespace L7Gate.Failover.Control;

/// <summary>A snapshot of one VRRP instance for status pages.</summary>
public sealed record FailoverInstanceStatus(
    string Name,
    string Interface,
    int VirtualRouterId,
    int Version,
    string State,
    int Priority,
    int EffectivePriority,
    string? MasterAddress,
    IReadOnlyList<string> VirtualIPs,
    bool Maintenance,
    DateTimeOffset? LastTransitionAt);
