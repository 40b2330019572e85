namespace L7Gate.Proxy.Routing.Dfa;

/// <summary>
/// The state of one DFA edge built by an L7Gate node policy. ASP.NET Core keys a node's edges by state, so
/// equality is by <see cref="Id"/> alone; <see cref="Payload"/> carries what the jump table needs.
/// </summary>
internal sealed class PolicyEdgeState(string id, object? payload = null) : IEquatable<PolicyEdgeState>
{
    public string Id { get; } = id;

    public object? Payload { get; } = payload;

    public bool Equals(PolicyEdgeState? other) => other is not null && string.Equals(Id, other.Id, StringComparison.Ordinal);

    public override bool Equals(object? obj) => Equals(obj as PolicyEdgeState);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Id);

    /// <summary>Shows in ASP.NET Core's DFA debug labels.</summary>
    public override string ToString() => Id;
}
