using System.Net;
using L7Gate.Failover.Network.Linux;
using L7Gate.Network.Tests.Lab;
using L7Gate.Network.Tests.Privileged;

namespace L7Gate.Network.Tests.Network.Linux;

public sealed class NetlinkLinkMonitorTests : IDisposable
{
    private readonly NetnsLab _lab = new();
    private readonly LabNode _node;
    private readonly NetnsThread _thread;
    private readonly NetlinkLinkMonitor _monitor = new();

    public NetlinkLinkMonitorTests()
    {
        _node = _lab.AddNode("n1", 11);
        _lab.AddNode("n2", 12);
        _thread = _lab.ThreadIn(_node);
    }

    [PrivilegedFact]
    public void IsUp_InterfaceWithCarrier_IsTrue()
    {
        Assert.True(_thread.Invoke(() => _monitor.IsUp(NetnsLab.NodeInterface)));
    }

    [PrivilegedFact]
    public void IsUp_InterfaceSetDown_IsFalse()
    {
        _lab.SetLink(_node, up: false);

        Assert.False(_thread.Invoke(() => _monitor.IsUp(NetnsLab.NodeInterface)));
    }

    [PrivilegedFact]
    public void IsUp_PeerEndSetDown_IsFalseBecauseCarrierIsLost()
    {
        Shell.Run("ip", "-n", _lab.Id + "-sw", "link", "set", _node.SwitchPort, "down");

        Assert.False(_thread.Invoke(() => _monitor.IsUp(NetnsLab.NodeInterface)));
    }

    [PrivilegedFact]
    public void IsUp_UnknownInterface_IsFalse()
    {
        Assert.False(_thread.Invoke(() => _monitor.IsUp("lgnnope")));
    }

    [PrivilegedFact]
    public void PrimaryAddress_WithVipsInAndOutsideTheSubnet_IsTheNodeAddress()
    {
        Shell.Run("ip", "-n", _node.Namespace, "addr", "add", "192.0.2.100/24", "dev", NetnsLab.NodeInterface);
        Shell.Run("ip", "-n", _node.Namespace, "addr", "add", "192.0.2.201/32", "dev", NetnsLab.NodeInterface);

        Assert.Equal(IPAddress.Parse("192.0.2.11"), _thread.Invoke(() => _monitor.PrimaryAddress(NetnsLab.NodeInterface)));
    }

    [PrivilegedFact]
    public void PrimaryAddress_UnknownInterface_IsNull()
    {
        Assert.Null(_thread.Invoke(() => _monitor.PrimaryAddress("lgnnope")));
    }

    public void Dispose() => _lab.Dispose();
}
