namespace L7Gate.Failover.Options;

/// <summary>One VRRP instance (keepalived <c>vrrp_instance</c>).</summary>
public sealed class VrrpInstanceOptions
{
    /// <summary>Interface the instance runs on and the VIPs are added to (keepalived <c>interface</c>). Required.</summary>
    public string Interface { get; set; } = "";

    /// <summary>VRID, 1–255 (keepalived <c>virtual_router_id</c>). Required; must match the peers.</summary>
    public int VirtualRouterId { get; set; }

    /// <summary>1–255; 255 = address owner, master at once (keepalived <c>priority</c>).</summary>
    public int Priority { get; set; } = 100; // keepalived default, RFC 5798 §6.1

    /// <summary>VRRP version 2 (RFC 3768) or 3 (RFC 5798). Must match the peers.</summary>
    public int Version { get; set; } = 3; // L7Gate default; keepalived's IPv4 default is 2, so set 2 to join an existing keepalived pair

    /// <summary>Advertisement interval: whole seconds 1–255 in v2; 10 ms steps, 10 ms–40.95 s in v3 (keepalived <c>advert_int</c>).</summary>
    public TimeSpan AdvertisementInterval { get; set; } = TimeSpan.FromSeconds(1); // keepalived default, RFC 5798 §6.1 (100 cs)

    /// <summary>A higher-priority backup takes over from a lower-priority master (keepalived: false = <c>nopreempt</c>).</summary>
    public bool Preempt { get; set; } = true; // RFC 5798 §6.1, keepalived default

    /// <summary>Wait this long after entering Backup or first seeing a lower-priority master before preempting, 0–1000 s (keepalived <c>preempt_delay</c>).</summary>
    public TimeSpan PreemptDelay { get; set; } = TimeSpan.Zero; // keepalived default

    /// <summary>Virtual IPv4 addresses, <c>address[/prefix]</c> (prefix default 32), in the order the peers list them.</summary>
    public List<string> VirtualIPs { get; set; } = [];

    /// <summary>Source address for unicast adverts (keepalived <c>unicast_src_ip</c>); default: the interface's primary address.</summary>
    public string? UnicastSource { get; set; }

    /// <summary>Peers to advertise to by unicast (keepalived <c>unicast_peer</c>); empty = multicast 224.0.0.18.</summary>
    public List<string> UnicastPeers { get; set; } = [];

    /// <summary>Drop unicast adverts whose source is not a configured peer. (L7Gate default true; keepalived's <c>check_unicast_src</c> defaults off.)</summary>
    public bool CheckUnicastSource { get; set; } = true;

    /// <summary>VRRPv2 simple password authentication (keepalived <c>authentication { auth_type PASS }</c>).</summary>
    public VrrpAuthenticationOptions Authentication { get; set; } = new();

    /// <summary>Interfaces whose state changes the effective priority (keepalived <c>track_interface</c>).</summary>
    public List<TrackInterfaceOptions> TrackInterfaces { get; set; } = [];

    /// <summary>The gateway's own proxy health (keepalived <c>track_script</c>, in process); null = not tracked.</summary>
    public TrackProxyOptions? TrackProxy { get; set; }

    /// <summary>Health-check commands from <c>Failover:TrackScripts</c> that change the effective priority (keepalived <c>track_script</c>).</summary>
    public List<TrackScriptReference> TrackScripts { get; set; } = [];

    /// <summary>Notify scripts (keepalived <c>notify_*</c>).</summary>
    public VrrpNotifyOptions Notify { get; set; } = new();

    /// <summary>Gratuitous ARP on becoming master.</summary>
    public GarpOptions Garp { get; set; } = new();

    /// <summary>v3 only: checksum over the message alone, not the IPv4 pseudo-header (keepalived <c>v3_checksum_as_v2</c>). Receive accepts both.</summary>
    public bool V3ChecksumAsV2 { get; set; } // keepalived default: pseudo-header

    /// <summary>
    /// Virtual MAC (RFC 5798 §7.3, keepalived <c>use_vmac</c>): the VIPs live on a macvlan with MAC 00:00:5e:00:01:{VRID}
    /// on <see cref="Interface"/>, which the master brings up and backups keep down, so a takeover moves only the switch's
    /// MAC table and clients keep their ARP entry. Adverts are sent from it unless <see cref="VirtualMacTransmitBase"/>.
    /// </summary>
    public bool UseVirtualMac { get; set; } // keepalived default: off

    /// <summary>Name of the macvlan (keepalived <c>use_vmac &lt;name&gt;</c>); default <c>vrrp.{VRID}</c>, keepalived's.</summary>
    public string? VirtualMacInterface { get; set; }

    /// <summary>With <see cref="UseVirtualMac"/>: send adverts from <see cref="Interface"/> (its own MAC), not from the macvlan (keepalived <c>vmac_xmit_base</c>).</summary>
    public bool VirtualMacTransmitBase { get; set; }

    /// <summary>The macvlan's name in effect (null without <see cref="UseVirtualMac"/>).</summary>
    public string? EffectiveVirtualMacInterface => UseVirtualMac
        ? (string.IsNullOrEmpty(VirtualMacInterface) ? $"vrrp.{VirtualRouterId}" : VirtualMacInterface)
        : null;

    /// <summary>
    /// Planned handover (maintenance, SIGTERM): longest wait for a peer to advertise as master before the VIPs are released
    /// anyway. Default: 3 × AdvertisementInterval + 1 s (a peer takes over after its Skew_Time, well within one interval).
    /// </summary>
    public TimeSpan? HandoverTimeout { get; set; }

    /// <summary>The handover timeout in effect.</summary>
    public TimeSpan EffectiveHandoverTimeout => HandoverTimeout ?? ((3 * AdvertisementInterval) + TimeSpan.FromSeconds(1));

    /// <summary>True when unicast peers are configured.</summary>
    public bool IsUnicast => UnicastPeers.Count > 0;
}
