using System.Net;
using L7Gate.Failover.Network.Linux.Netlink;

namespace L7Gate.Failover.Network.Linux;

/// <summary>
/// <see cref="ILinkMonitor"/> over rtnetlink: RTM_GETLINK for flags and operstate (the facts behind
/// /sys/class/net/&lt;if&gt;/operstate and carrier), RTM_GETADDR for the primary address.
/// </summary>
/// <remarks>
/// <c>ip link set down</c> on either end of a veth clears carrier, so the interface counts as down.
/// </remarks>
public sealed class NetlinkLinkMonitor : ILinkMonitor
{
    /// <inheritdoc />
    public bool IsUp(string interfaceName) => NetlinkInterface.Find(interfaceName)?.IsUp == true;

    /// <inheritdoc />
    /// <remarks>
    /// The first primary (not IFA_F_SECONDARY) IPv4 address in the kernel's order. A VIP in the
    /// interface's subnet is a secondary, so it is never chosen; a VIP in another subnet is listed after
    /// the address the interface had before it.
    /// </remarks>
    public IPAddress? PrimaryAddress(string interfaceName)
    {
        if (NetlinkInterface.Find(interfaceName) is not { } link)
        {
            return null;
        }

        var addresses = NetlinkInterface.IPv4Addresses(link.Index);
        return addresses.FirstOrDefault(a => !a.Secondary).Address ?? addresses.FirstOrDefault().Address;
    }
}
