using System.ComponentModel;
using System.Net;
using static L7Gate.Failover.Network.Linux.Netlink.NetlinkConstants;

namespace L7Gate.Failover.Network.Linux.Netlink;

/// <summary>
/// Interface lookups over rtnetlink. Why not /sys/class/net: sysfs shows the network namespace it was
/// mounted in, while a netlink socket belongs to the namespace of the thread that opened it, which is
/// what the raw sockets and the VIP changes use too — one view of the network, however the process
/// (or a test thread, via setns) got into its namespace.
/// </summary>
internal static class NetlinkInterface
{
    /// <summary>The interface, or null when it does not exist.</summary>
    public static LinkInfo? Find(string interfaceName)
    {
        if (!IsValidName(interfaceName))
        {
            return null;
        }

        using var socket = new NetlinkRouteSocket();
        var sequence = NetlinkRouteSocket.NextSequence();
        var errno = socket.Query(LinkMessage.GetByName(interfaceName, sequence), sequence, RTM_NEWLINK, out var reply);
        return errno switch
        {
            0 => LinkMessage.Read(interfaceName, reply),
            ENODEV => null,
            _ => throw new Win32Exception(errno, $"rtnetlink: cannot look up interface '{interfaceName}' (errno {errno})"),
        };
    }

    /// <summary>The IPv4 addresses of an interface in the kernel's order, each with whether it is a secondary.</summary>
    public static IReadOnlyList<(IPAddress Address, bool Secondary)> IPv4Addresses(int interfaceIndex)
    {
        var addresses = new List<(IPAddress, bool)>();
        using var socket = new NetlinkRouteSocket();
        var sequence = NetlinkRouteSocket.NextSequence();
        socket.Dump(AddressMessage.DumpIPv4(sequence), sequence, message =>
        {
            if (message.Type == RTM_NEWADDR
                && AddressMessage.TryReadIPv4(message.Payload, out var index, out var local, out var secondary)
                && index == interfaceIndex)
            {
                addresses.Add((local!, secondary));
            }
        });
        return addresses;
    }

    /// <summary>The kernel's rules for an interface name: 1–15 bytes, no '/', ':' or whitespace.</summary>
    public static bool IsValidName(string interfaceName) =>
        interfaceName.Length is > 0 and <= 15
        && interfaceName is not "." and not ".."
        && interfaceName.All(c => c is > ' ' and < (char)127 and not '/' and not ':');
}
