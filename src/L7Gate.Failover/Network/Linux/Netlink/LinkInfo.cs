using System.Net.NetworkInformation;
using static L7Gate.Failover.Network.Linux.Netlink.NetlinkConstants;

namespace L7Gate.Failover.Network.Linux.Netlink;

/// <summary>What rtnetlink says about one interface.</summary>
/// <param name="Flags">ifi_flags: IFF_UP (administratively up), IFF_LOWER_UP (carrier), ...</param>
/// <param name="OperState">IFLA_OPERSTATE (RFC 2863): 6 up, 2 down, 0 unknown, ...</param>
internal sealed record LinkInfo(string Name, int Index, uint Flags, byte OperState, PhysicalAddress? Mac)
{
    /// <summary>
    /// Up as keepalived means it: administratively up, carrier present, and operationally up — or
    /// "unknown", which drivers without operstate support (dummy, some tunnels) report while working.
    /// </summary>
    public bool IsUp => (Flags & IFF_UP) != 0
        && (Flags & IFF_LOWER_UP) != 0
        && OperState is IF_OPER_UP or IF_OPER_UNKNOWN;
}
