using System.ComponentModel;
using System.Net;
using System.Net.Sockets;
using L7Gate.Failover.Network.Linux.Netlink;
using static L7Gate.Failover.Network.Linux.Netlink.NetlinkConstants;

namespace L7Gate.Failover.Network.Linux;

/// <summary>
/// <see cref="IVipManager"/> over rtnetlink (RTM_NEWADDR / RTM_DELADDR / RTM_GETADDR), the same kernel
/// interface <c>ip addr</c> uses, without spawning a process per change.
/// </summary>
/// <remarks>
/// VIPs are added as plain addresses with the configured prefix length and no label, as keepalived does
/// by default, so <c>ip addr show</c> lists them and an operator can recognise them by address. In the
/// primary address's subnet the kernel makes them secondaries. Add and remove are idempotent: EEXIST on
/// add and EADDRNOTAVAIL on remove mean the interface is already as asked.
/// </remarks>
public sealed class NetlinkVipManager : IVipManager
{
    /// <inheritdoc />
    public Task AddAsync(string interfaceName, IPAddress address, int prefixLength, CancellationToken cancellationToken)
    {
        RequireIPv4(address, prefixLength);
        var index = NetlinkInterface.Find(interfaceName)?.Index
            ?? throw new InvalidOperationException($"Cannot add VIP {address}/{prefixLength}: interface '{interfaceName}' does not exist.");
        var errno = Change(RTM_NEWADDR, index, address, prefixLength);
        if (errno is not (0 or EEXIST))
        {
            throw new Win32Exception(errno, $"Cannot add VIP {address}/{prefixLength} to '{interfaceName}': {new Win32Exception(errno).Message}");
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task RemoveAsync(string interfaceName, IPAddress address, int prefixLength, CancellationToken cancellationToken)
    {
        RequireIPv4(address, prefixLength);
        if (NetlinkInterface.Find(interfaceName) is not { } link)
        {
            return Task.CompletedTask; // no interface, no address on it
        }

        var errno = Change(RTM_DELADDR, link.Index, address, prefixLength);
        if (errno is not (0 or EADDRNOTAVAIL or ENODEV))
        {
            throw new Win32Exception(errno, $"Cannot remove VIP {address}/{prefixLength} from '{interfaceName}': {new Win32Exception(errno).Message}");
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<bool> IsPresentAsync(string interfaceName, IPAddress address, CancellationToken cancellationToken)
    {
        if (address.AddressFamily != AddressFamily.InterNetwork || NetlinkInterface.Find(interfaceName) is not { } link)
        {
            return Task.FromResult(false);
        }

        return Task.FromResult(NetlinkInterface.IPv4Addresses(link.Index).Any(a => a.Address.Equals(address)));
    }

    private static int Change(ushort type, int index, IPAddress address, int prefixLength)
    {
        using var socket = new NetlinkRouteSocket();
        var sequence = NetlinkRouteSocket.NextSequence();
        return socket.Execute(AddressMessage.Change(type, index, address, prefixLength, sequence), sequence);
    }

    private static void RequireIPv4(IPAddress address, int prefixLength)
    {
        if (address.AddressFamily != AddressFamily.InterNetwork)
        {
            throw new ArgumentException($"VIP {address} is not IPv4; L7Gate's VRRP is IPv4 only.", nameof(address));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(prefixLength);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(prefixLength, 32);
    }
}
