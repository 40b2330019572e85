using System.Net;
using L7Gate.Failover.Network.Linux;
using L7Gate.Network.Tests.Lab;
using L7Gate.Network.Tests.Privileged;
using Microsoft.Extensions.Time.Testing;

namespace L7Gate.Network.Tests.Network.Linux;

/// <summary>The handover forwarding's nftables table in a real namespace: installed, removed by its window or by Stop.</summary>
public sealed class NftablesStragglerForwarderTests : IDisposable
{
    private const string Table = "l7gate_handover_51_lgn0";
    private static readonly IPAddress[] Vips = [NetnsLab.Address(100)];
    private readonly NetnsLab _lab = new();
    private readonly LabNode _node;
    private readonly NetnsThread _thread;
    // A fake clock, advanced on the namespace thread: the window's timer then removes the table in that namespace
    // (a real timer fires on a pool thread, outside the lab's namespace; L7Gate itself lives in one namespace).
    private readonly FakeTimeProvider _time = new();
    private readonly NftablesStragglerForwarder _forwarder;

    public NftablesStragglerForwarderTests()
    {
        _node = _lab.AddNode("n2", 12);
        _thread = _lab.ThreadIn(_node);
        _forwarder = new NftablesStragglerForwarder(_time);
    }

    [PrivilegedFact]
    public void Start_Window_TableInstalledThenRemovedWhenTheWindowEnds()
    {
        Run(() => _forwarder.Start(NetnsLab.NodeInterface, 51, NetnsLab.Address(11), Vips, TimeSpan.FromMilliseconds(300)));

        var ruleset = Ruleset();
        Assert.Contains($"table netdev {Table}", ruleset, StringComparison.Ordinal);
        Assert.Contains("fwd ip to 192.0.2.11 device \"lgn0\"", ruleset, StringComparison.Ordinal);

        Run(() => _time.Advance(TimeSpan.FromMilliseconds(299)));
        Assert.Contains(Table, Ruleset(), StringComparison.Ordinal);
        Run(() => _time.Advance(TimeSpan.FromMilliseconds(1)));
        Assert.DoesNotContain(Table, Ruleset(), StringComparison.Ordinal);
    }

    [PrivilegedFact]
    public void Start_AgainWithinWindow_FirstWindowsEndLeavesTheSecondInPlace()
    {
        Run(() => _forwarder.Start(NetnsLab.NodeInterface, 51, NetnsLab.Address(11), Vips, TimeSpan.FromMilliseconds(300)));
        Run(() => _time.Advance(TimeSpan.FromMilliseconds(200)));
        Run(() => _forwarder.Start(NetnsLab.NodeInterface, 51, NetnsLab.Address(13), Vips, TimeSpan.FromMilliseconds(300)));

        Run(() => _time.Advance(TimeSpan.FromMilliseconds(200)));
        Assert.Contains("fwd ip to 192.0.2.13", Ruleset(), StringComparison.Ordinal);
        Run(() => _time.Advance(TimeSpan.FromMilliseconds(100)));
        Assert.DoesNotContain(Table, Ruleset(), StringComparison.Ordinal);
    }

    [PrivilegedFact]
    public void Stop_DuringWindow_RemovesAtOnce()
    {
        Run(() => _forwarder.Start(NetnsLab.NodeInterface, 51, NetnsLab.Address(11), Vips, TimeSpan.FromMinutes(1)));

        Run(() => _forwarder.Stop(NetnsLab.NodeInterface, 51));

        Assert.DoesNotContain(Table, Ruleset(), StringComparison.Ordinal);
    }

    [PrivilegedFact]
    public void Stop_NothingInstalled_NoError()
    {
        Run(() => _forwarder.Stop(NetnsLab.NodeInterface, 51));

        Assert.DoesNotContain(Table, Ruleset(), StringComparison.Ordinal);
    }

    [PrivilegedFact]
    public void Start_InterfaceMissing_ThrowsWithNftsReasonAndInstallsNothing()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Run(() => _forwarder.Start("lgnnope", 51, NetnsLab.Address(11), Vips, TimeSpan.FromMinutes(1))));

        Assert.StartsWith("nft:", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("l7gate_handover", Ruleset(), StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _forwarder.Dispose();
        _lab.Dispose();
    }

    private void Run(Action action) => _thread.Invoke(() =>
    {
        action();
        return true;
    });

    private string Ruleset() => NetnsLab.RulesetOf(_node);
}
