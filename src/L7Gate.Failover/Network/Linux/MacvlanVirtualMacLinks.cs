using System.ComponentModel;
using System.Globalization;
using System.Net.NetworkInformation;
using L7Gate.Failover.Network.Linux.Netlink;
using static L7Gate.Failover.Network.Linux.Netlink.NetlinkConstants;

namespace L7Gate.Failover.Network.Linux;

/// <summary>
/// <see cref="IVirtualMacLinks"/> over rtnetlink (RTM_NEWLINK / RTM_DELLINK, what <c>ip link add ... type macvlan</c>
/// sends) and <c>/proc/sys/net/ipv4/conf/&lt;if&gt;/</c>. Needs CAP_NET_ADMIN.
/// </summary>
/// <remarks>
/// <para>
/// <b>Mode bridge, not private.</b> The engine receives adverts on the parent interface (the macvlan is down on a
/// backup). A peer master sends its adverts from the same virtual MAC this node's macvlan has. For a multicast frame
/// whose source MAC is one of its own macvlans, the kernel's macvlan receive path takes it for that macvlan's own frame
/// reflected by the switch: with a macvlan in private mode it hands the frame to that macvlan alone, so the parent — and
/// the VRRP socket on it — never sees the peer's adverts while both are master (a split brain that would not heal). In
/// bridge mode the frame goes on to the parent as any other. FRR's vrrpd asks for bridge mode for the same reason.
/// </para>
/// <para>
/// <b>ARP.</b> Linux answers ARP for any local address on any interface (arp_ignore 0): the parent would answer
/// "VIP is at the parent's MAC" and clients would learn the wrong MAC. arp_ignore 1 on the parent and on the macvlan
/// makes each answer only for its own addresses; arp_announce 2 makes ARP requests carry the interface's own address.
/// rp_filter 0 on the macvlan: replies to clients leave by the parent's route, so a strict reverse-path check on the
/// macvlan would drop the requests arriving on it. The parent's values are restored when the last macvlan goes.
/// IPv6 is disabled on the macvlan, so that it sends nothing of its own (DAD, MLD, router solicitations) from the
/// virtual MAC: only the master's adverts and gratuitous ARP may, or the switch learns the MAC on the wrong port.
/// </para>
/// </remarks>
public sealed class MacvlanVirtualMacLinks : IVirtualMacLinks, IDisposable
{
    private const string ConfRoot = "/proc/sys/net/ipv4/conf";
    private const string Ipv6ConfRoot = "/proc/sys/net/ipv6/conf";
    private static readonly (string Key, string Value)[] ParentSysctls = [("arp_ignore", "1"), ("arp_announce", "2")];
    private static readonly (string Key, string Value)[] MacvlanSysctls = [("arp_ignore", "1"), ("arp_announce", "2"), ("rp_filter", "0")];

    private readonly Lock _lock = new();
    private readonly Dictionary<string, string> _links = new(StringComparer.Ordinal); // macvlan → parent
    private readonly Dictionary<string, Dictionary<string, string>> _savedParentSysctls = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public VirtualMacPreparation Prepare(string parentInterface, string name, PhysicalAddress mac)
    {
        var parent = NetlinkInterface.Find(parentInterface)
            ?? throw new InvalidOperationException($"Cannot create virtual MAC interface {name}: interface '{parentInterface}' does not exist.");
        var result = VirtualMacPreparation.Created;
        if (NetlinkInterface.Find(name) is { } existing)
        {
            if (existing.Kind != "macvlan")
            {
                throw new InvalidOperationException(
                    $"Cannot use '{name}' as the virtual MAC interface: it exists and is {(existing.Kind is null ? "not a virtual link" : $"a {existing.Kind}")}, not a macvlan. Set VirtualMacInterface to another name.");
            }

            if (existing.ParentIndex == parent.Index && mac.Equals(existing.Mac) && existing.MacvlanMode == MACVLAN_MODE_BRIDGE)
            {
                Check(Execute(LinkMessage.SetUp(existing.Index, up: false, NetlinkRouteSocket.NextSequence())), $"set {name} down");
                result = VirtualMacPreparation.Reused;
            }
            else
            {
                var errno = Execute(LinkMessage.Delete(existing.Index, NetlinkRouteSocket.NextSequence()));
                if (errno is not (0 or ENODEV))
                {
                    Check(errno, $"delete the stale {name}");
                }

                result = VirtualMacPreparation.Replaced;
            }
        }

        if (result != VirtualMacPreparation.Reused)
        {
            Check(Execute(LinkMessage.CreateMacvlan(name, parent.Index, mac, MACVLAN_MODE_BRIDGE, NetlinkRouteSocket.NextSequence())),
                $"create macvlan {name} on {parentInterface}");
        }

        lock (_lock)
        {
            if (!_savedParentSysctls.ContainsKey(parentInterface))
            {
                _savedParentSysctls[parentInterface] = ParentSysctls.ToDictionary(s => s.Key, s => ReadSysctl(parentInterface, s.Key), StringComparer.Ordinal);
            }

            _links[name] = parentInterface;
            foreach (var (key, value) in ParentSysctls)
            {
                WriteSysctl(parentInterface, key, value);
            }
        }

        foreach (var (key, value) in MacvlanSysctls)
        {
            WriteSysctl(name, key, value);
        }

        // No IPv6 on an IPv4 virtual MAC: at link-up the kernel would send duplicate-address probes, MLD reports and
        // router solicitations from the virtual MAC, and one such frame from a node that is not master (a former master
        // draining with the link still up) moves the switch's MAC table entry back to it.
        if (Directory.Exists(Path.Combine(Ipv6ConfRoot, name)))
        {
            File.WriteAllText(Path.Combine(Ipv6ConfRoot, name, "disable_ipv6"), "1");
        }

        return result;
    }

    /// <inheritdoc />
    public void SetUp(string name, bool up)
    {
        var link = NetlinkInterface.Find(name)
            ?? throw new InvalidOperationException($"Virtual MAC interface {name} does not exist (deleted behind L7Gate's back?).");
        Check(Execute(LinkMessage.SetUp(link.Index, up, NetlinkRouteSocket.NextSequence())), $"set {name} {(up ? "up" : "down")}");
    }

    /// <inheritdoc />
    public void Remove(string parentInterface, string name)
    {
        if (NetlinkInterface.Find(name) is { Kind: "macvlan" } link)
        {
            var errno = Execute(LinkMessage.Delete(link.Index, NetlinkRouteSocket.NextSequence()));
            if (errno is not (0 or ENODEV))
            {
                Check(errno, $"delete {name}");
            }
        }

        lock (_lock)
        {
            _links.Remove(name);
            if (!_links.ContainsValue(parentInterface) && _savedParentSysctls.Remove(parentInterface, out var saved))
            {
                foreach (var (key, value) in saved)
                {
                    TryWriteSysctl(parentInterface, key, value);
                }
            }
        }
    }

    /// <inheritdoc />
    public void Dispose() => RemoveAll();

    /// <inheritdoc />
    public void RemoveAll()
    {
        List<KeyValuePair<string, string>> links;
        lock (_lock)
        {
            links = [.. _links];
        }

        foreach (var (name, parent) in links)
        {
            try
            {
                Remove(parent, name);
            }
            catch (Exception ex) when (ex is InvalidOperationException or Win32Exception or IOException)
            {
                // shutting down: the next start replaces a leftover
            }
        }
    }

    private static int Execute(byte[] request)
    {
        using var socket = new NetlinkRouteSocket();
        var sequence = System.Runtime.InteropServices.MemoryMarshal.Read<uint>(request.AsSpan(8));
        return socket.Execute(request, sequence);
    }

    private static void Check(int errno, string what)
    {
        if (errno != 0)
        {
            throw new Win32Exception(errno, $"rtnetlink: cannot {what}: {new Win32Exception(errno).Message}");
        }
    }

    private static string SysctlPath(string interfaceName, string key) => Path.Combine(ConfRoot, interfaceName, key);

    private static string ReadSysctl(string interfaceName, string key) => File.ReadAllText(SysctlPath(interfaceName, key)).Trim();

    private static void WriteSysctl(string interfaceName, string key, string value) =>
        File.WriteAllText(SysctlPath(interfaceName, key), value.ToString(CultureInfo.InvariantCulture));

    private static void TryWriteSysctl(string interfaceName, string key, string value)
    {
        try
        {
            WriteSysctl(interfaceName, key, value);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // the parent is gone, or we lost the right: nothing to restore
        }
    }
}
