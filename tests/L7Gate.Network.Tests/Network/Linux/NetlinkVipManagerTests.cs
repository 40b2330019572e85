using System.ComponentModel;
using System.Net;
using L7Gate.Failover.Network.Linux;
using L7Gate.Network.Tests.Lab;
using L7Gate.Network.Tests.Privileged;

namespace L7Gate.Network.Tests.Network.Linux;

public sealed class NetlinkVipManagerTests : IDisposable
{
    private static readonly IPAddress Vip = NetnsLab.Address(100);
    private readonly NetnsLab _lab = new();
    private readonly LabNode _node;
    private readonly NetnsThread _thread;
    private readonly NetlinkVipManager _vips = new();

    public NetlinkVipManagerTests()
    {
        _node = _lab.AddNode("n1", 11);
        _thread = _lab.ThreadIn(_node);
    }

    [PrivilegedFact]
    public void AddAsync_NewVip_ShowsInIpAddrWithItsPrefix()
    {
        Run(() => _vips.AddAsync(NetnsLab.NodeInterface, Vip, 24, default));

        Assert.Contains("192.0.2.100/24", _lab.AddressesOf(_node));
        Assert.True(Ask(() => _vips.IsPresentAsync(NetnsLab.NodeInterface, Vip, default)));
    }

    [PrivilegedFact]
    public void AddAsync_VipAlreadyPresent_IsNoErrorAndKeepsOneCopy()
    {
        Run(() => _vips.AddAsync(NetnsLab.NodeInterface, Vip, 24, default));
        Run(() => _vips.AddAsync(NetnsLab.NodeInterface, Vip, 24, default));

        Assert.Single(_lab.AddressesOf(_node), a => a.StartsWith("192.0.2.100/", StringComparison.Ordinal));
    }

    [PrivilegedFact]
    public void RemoveAsync_PresentVip_IsGoneAndPrimaryStays()
    {
        Run(() => _vips.AddAsync(NetnsLab.NodeInterface, Vip, 24, default));

        Run(() => _vips.RemoveAsync(NetnsLab.NodeInterface, Vip, 24, default));

        Assert.Equal(["192.0.2.11/24"], _lab.AddressesOf(_node));
        Assert.False(Ask(() => _vips.IsPresentAsync(NetnsLab.NodeInterface, Vip, default)));
    }

    [PrivilegedFact]
    public void RemoveAsync_AbsentVip_IsNoError()
    {
        Run(() => _vips.RemoveAsync(NetnsLab.NodeInterface, Vip, 24, default));

        Assert.Equal(["192.0.2.11/24"], _lab.AddressesOf(_node));
    }

    [PrivilegedFact]
    public void RemoveAsync_StaleVipWithOtherPrefix_IsRemoved()
    {
        // A crashed run (or an operator) left the VIP as a /32; cleanup on start must still find it.
        Shell.Run("ip", "-n", _node.Namespace, "addr", "add", "192.0.2.100/32", "dev", NetnsLab.NodeInterface);

        Run(() => _vips.RemoveAsync(NetnsLab.NodeInterface, Vip, 24, default));

        Assert.Equal(["192.0.2.11/24"], _lab.AddressesOf(_node));
    }

    [PrivilegedFact]
    public void AddAsync_UnknownInterface_ThrowsNamingIt()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Run(() => _vips.AddAsync("lgnnope", Vip, 24, default)));

        Assert.Contains("'lgnnope'", error.Message, StringComparison.Ordinal);
    }

    [PrivilegedFact]
    public void AddAsync_InterfaceDown_StillAddsSoTheMasterCanComeBack()
    {
        _lab.SetLink(_node, up: false);

        Run(() => _vips.AddAsync(NetnsLab.NodeInterface, Vip, 24, default));

        Assert.Contains("192.0.2.100/24", _lab.AddressesOf(_node));
    }

    public void Dispose() => _lab.Dispose();

    private void Run(Func<Task> action) => _thread.Invoke(() =>
    {
        action().GetAwaiter().GetResult();
        return true;
    });

    private T Ask<T>(Func<Task<T>> action) => _thread.Invoke(() => action().GetAwaiter().GetResult());
}
