using System.Text.Json.Serialization;
using L7Gate.Failover.StateMachine;

namespace L7Gate.Failover.Control;

/// <summary>A snapshot of one VRRP instance for status pages. <see cref="State"/> is written to JSON by name ("Master").</summary>
public sealed record FailoverInstanceStatus(
    string Name,
    string Interface,
    int VirtualRouterId,
    int Version,
    [property: JsonConverter(typeof(JsonStringEnumConverter<VrrpState>))] VrrpState State,
    int Priority,
    int EffectivePriority,
    string? MasterAddress,
    IReadOnlyList<string> VirtualIPs,
    bool Maintenance,
    DateTimeOffset? LastTransitionAt);
