namespace L7Gate.Failover.Options;

/// <summary>A tracked interface (keepalived <c>track_interface { eth1 weight -20 }</c>).</summary>
public sealed class TrackInterfaceOptions
{
    /// <summary>Interface name.</summary>
    public string Name { get; set; } = "";

    /// <summary>−253–253. 0: down → Fault; negative: subtracted while down; positive: added while up.</summary>
    public int Weight { get; set; } // keepalived default: 0 (Fault)
}
