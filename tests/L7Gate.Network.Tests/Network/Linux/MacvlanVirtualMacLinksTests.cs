using L7Gate.Failover.Network;
using L7Gate.Failover.Network.Linux;
using L7Gate.Network.Tests.Lab;
using L7Gate.Network.Tests.Privileged;

namespace L7Gate.Network.Tests.Network.Linux;

/// <summary>The virtual MAC macvlan as iproute2 and /proc/sys see it after each rtnetlink request.</summary>
public sealed class MacvlanVirtualMacLinksTests : IDisposable
{
    private const string Name = "vrrp.51";
    private static readonly System.Net.NetworkInformation.PhysicalAddress Mac = VirtualMacAddress.ForIPv4(51);
    private readonly NetnsLab _lab = new();
    private readonly LabNode _node;
    private readonly NetnsThread _thread;
    private readonly MacvlanVirtualMacLinks _links = new();

    public MacvlanVirtualMacLinksTests()
    {
        _node = _lab.AddNode("n1", 11);
        _thread = _lab.ThreadIn(_node);
    }

    [PrivilegedFact]
    public void Prepare_NoLink_CreatesDownBridgeMacvlanWithTheVirtualMacAndSetsArpSysctls()
    {
        var outcome = _thread.Invoke(() => _links.Prepare(NetnsLab.NodeInterface, Name, Mac));

        Assert.Equal(VirtualMacPreparation.Created, outcome);
        var link = Ip("-d", "link", "show", Name);
        Assert.Contains($"{Name}@{NetnsLab.NodeInterface}", link, StringComparison.Ordinal);
        Assert.Contains("link/ether 00:00:5e:00:01:33", link, StringComparison.Ordinal);
        Assert.Contains("macvlan mode bridge", link, StringComparison.Ordinal);
        Assert.DoesNotContain("UP", link.Split('\n')[0].Split('<', '>')[1].Split(','));
        Assert.Equal("1", Sysctl(NetnsLab.NodeInterface, "arp_ignore"));
        Assert.Equal("2", Sysctl(NetnsLab.NodeInterface, "arp_announce"));
        Assert.Equal("1", Sysctl(Name, "arp_ignore"));
        Assert.Equal("0", Sysctl(Name, "rp_filter"));
        Assert.Equal("1", _thread.Invoke(() => File.ReadAllText($"/proc/sys/net/ipv6/conf/{Name}/disable_ipv6").Trim()));
    }

    [PrivilegedFact]
    public void SetUp_ThenDown_FollowsIpLink()
    {
        _thread.Invoke(() => _links.Prepare(NetnsLab.NodeInterface, Name, Mac));

        _thread.Invoke(() => { _links.SetUp(Name, up: true); return 0; });
        Assert.Contains("UP", Flags());
        _thread.Invoke(() => { _links.SetUp(Name, up: false); return 0; });
        Assert.DoesNotContain("UP", Flags());
    }

    [PrivilegedFact]
    public void Prepare_SameMacvlanLeftUpByACrash_ReusesItAndSetsItDown()
    {
        Ip("link", "add", "link", NetnsLab.NodeInterface, "name", Name, "address", "00:00:5e:00:01:33", "type", "macvlan", "mode", "bridge");
        Ip("link", "set", Name, "up");
        var index = Ip("-o", "link", "show", Name).Split(':')[0];

        var outcome = _thread.Invoke(() => _links.Prepare(NetnsLab.NodeInterface, Name, Mac));

        Assert.Equal(VirtualMacPreparation.Reused, outcome);
        Assert.Equal(index, Ip("-o", "link", "show", Name).Split(':')[0]);
        Assert.DoesNotContain("UP", Flags());
    }

    [PrivilegedFact]
    public void Prepare_PrivateModeMacvlanOfThatName_ReplacesItWithBridgeMode()
    {
        Ip("link", "add", "link", NetnsLab.NodeInterface, "name", Name, "address", "00:00:5e:00:01:33", "type", "macvlan", "mode", "private");

        var outcome = _thread.Invoke(() => _links.Prepare(NetnsLab.NodeInterface, Name, Mac));

        Assert.Equal(VirtualMacPreparation.Replaced, outcome);
        Assert.Contains("macvlan mode bridge", Ip("-d", "link", "show", Name), StringComparison.Ordinal);
    }

    [PrivilegedFact]
    public void Prepare_InterfaceOfThatNameIsNoMacvlan_RefusesAndLeavesIt()
    {
        Ip("link", "add", Name, "type", "bridge");

        var error = Assert.Throws<InvalidOperationException>(() => _thread.Invoke<int>(() => { _links.Prepare(NetnsLab.NodeInterface, Name, Mac); return 0; }));

        Assert.Contains("not a macvlan", error.Message, StringComparison.Ordinal);
        Assert.Contains("bridge", Ip("-d", "link", "show", Name), StringComparison.Ordinal);
    }

    [PrivilegedFact]
    public void Remove_DeletesTheLinkAndRestoresTheParentsSysctls()
    {
        Ip("netns", "exec", _node.Namespace, "sysctl", "-q", "-w", $"net.ipv4.conf.{NetnsLab.NodeInterface}.arp_announce=1");
        _thread.Invoke(() => _links.Prepare(NetnsLab.NodeInterface, Name, Mac));

        _thread.Invoke(() => { _links.Remove(NetnsLab.NodeInterface, Name); return 0; });

        Assert.DoesNotContain(Name, Shell.Run("ip", "-n", _node.Namespace, "-o", "link", "show"), StringComparison.Ordinal);
        Assert.Equal("0", Sysctl(NetnsLab.NodeInterface, "arp_ignore"));
        Assert.Equal("1", Sysctl(NetnsLab.NodeInterface, "arp_announce"));
    }

    public void Dispose() => _lab.Dispose();

    private string[] Flags() => Ip("link", "show", Name).Split('\n')[0].Split('<', '>')[1].Split(',');

    private string Ip(params string[] arguments) => arguments[0] == "netns"
        ? Shell.Run("ip", arguments)
        : Shell.Run("ip", ["-n", _node.Namespace, .. arguments]);

    // Read through the namespace thread: /proc/sys/net shows the namespace of the reading thread.
    private string Sysctl(string interfaceName, string key) =>
        _thread.Invoke(() => File.ReadAllText($"/proc/sys/net/ipv4/conf/{interfaceName}/{key}").Trim());
}
