using System.Net.NetworkInformation;
using static L7Gate.Failover.Network.Linux.Netlink.NetlinkConstants;

namespace L7Gate.Failover.Network.Linux.Netlink;

/// <summary>What rtnetlink says about one interface.</summary>
/// <param name="Flags">ifi_flags: IFF_UP (administratively up), IFF_LOWER_UP (carrier), ...</param>
/// <param name="OperState">IFLA_OPERSTATE (RFC 2863): 6 up, 2 down, 0 unknown, ...</param>
internal sealed record LinkInfo(string Name, int Index, uint Flags, byte OperState, PhysicalAddress? Mac)
{
    /// <summary>IFLA_INFO_KIND ("macvlan", "veth", "bridge" ...); null for a physical NIC or loopback.</summary>
    public string? Kind { get; init; }

    /// <summary>IFLA_LINK: the lower device of a macvlan/vlan, 0 when none.</summary>
    public int ParentIndex { get; init; }

    /// <summary>IFLA_MACVLAN_MODE of a macvlan (MACVLAN_MODE_*), 0 otherwise.</summary>
    public uint MacvlanMode { get; init; }

    /// <summary>Administratively up (IFF_UP), whatever the carrier.</summary>
    public bool IsAdminUp => (Flags & IFF_UP) != 0;

    /// <summary>
    /// Up as keepalived means it: administratively up, carrier present, and operationally up — or
    /// "unknown", which drivers without operstate support (dummy, some tunnels) report while working.
    /// </summary>
    public bool IsUp => (Flags & IFF_UP) != 0
        && (Flags & IFF_LOWER_UP) != 0
        && OperState is IF_OPER_UP or IF_OPER_UNKNOWN;
}
