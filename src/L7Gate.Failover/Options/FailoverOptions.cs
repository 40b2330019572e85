namespace L7Gate.Failover.Options;

/// <summary>The <c>Failover</c> configuration section: keepalived's vrrp_instance blocks, in JSON.</summary>
public sealed class FailoverOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Failover";

    /// <summary>VRRP instances by name (keepalived's <c>vrrp_instance VI_1</c>). Empty = failover off.</summary>
    public Dictionary<string, VrrpInstanceOptions> Instances { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Health-check commands by name (keepalived's <c>vrrp_script chk_x</c>); instances use them through their TrackScripts.</summary>
    public Dictionary<string, TrackScriptOptions> TrackScripts { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Sync groups by name (keepalived's <c>vrrp_sync_group G1</c>): instances that change state together.</summary>
    public Dictionary<string, SyncGroupOptions> SyncGroups { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>How often interface state is polled for tracking and Fault. Default 100 ms: a dead link is noticed well within a 100 ms-advert master-down interval.</summary>
    public TimeSpan LinkPollInterval { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// Nice value of the VRRP engine's threads (keepalived's <c>vrrp_priority</c>), -20 to 19. Default -10: on a
    /// busy node the proxy's workers must not delay adverts past the peer's master-down interval. Needs root or
    /// CAP_SYS_NICE; without it the threads keep the normal priority and a warning says so. 0 leaves them alone.
    /// </summary>
    public int ThreadNice { get; set; } = -10;

    /// <summary>
    /// After a planned handover (the master advertised priority 0), the new master forwards the packets of connections
    /// the former master had just opened back to it for the drain grace, so that a request whose handshake straddled
    /// the gratuitous ARP is served instead of reset. Needs nftables (libnftables1) and CAP_NET_ADMIN; without them a
    /// warning says so and the handover works as keepalived's does. Default true.
    /// </summary>
    public bool HandoverForwarding { get; set; } = true;
}
