using System.Diagnostics;

namespace L7Gate.Failover.Diagnostics;

/// <summary>The engine's one <see cref="ActivitySource"/>, "L7Gate.Failover": an activity per state transition and per handover.</summary>
public static class FailoverActivitySource
{
    /// <summary>Source and meter name.</summary>
    public const string Name = "L7Gate.Failover";

    /// <summary>The shared source.</summary>
    public static ActivitySource Instance { get; } = new(Name);
}
