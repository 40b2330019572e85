namespace L7Gate.Failover.Options;

/// <summary>Gratuitous ARP after becoming master (keepalived <c>garp_master_*</c>).</summary>
public sealed class GarpOptions
{
    /// <summary>GARPs per VIP in each burst, 1–100.</summary>
    public int Repeat { get; set; } = 5; // keepalived default garp_master_repeat

    /// <summary>Delay of the second burst after becoming master; 0 = no second burst.</summary>
    public TimeSpan Delay { get; set; } = TimeSpan.FromSeconds(5); // keepalived default garp_master_delay

    /// <summary>Periodic GARP while master; null = off.</summary>
    public TimeSpan? Refresh { get; set; } // keepalived default: off (garp_master_refresh 0)

    /// <summary>GARPs per VIP in each refresh, 1–100.</summary>
    public int RefreshRepeat { get; set; } = 1; // keepalived default garp_master_refresh_repeat
}
