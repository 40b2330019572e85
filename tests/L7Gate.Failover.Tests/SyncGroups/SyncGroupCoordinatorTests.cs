using L7Gate.Failover.Options;
using L7Gate.Failover.StateMachine;
using L7Gate.Failover.SyncGroups;
using L7Gate.Failover.Tests.Fakes;
using L7Gate.Failover.Tests.Runner;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace L7Gate.Failover.Tests.SyncGroups;

/// <summary>
/// A two-legged gateway: each node has an outside instance (VI_OUT, LAN "outside") and an inside one (VI_IN, LAN
/// "inside"), on one fake clock, and the members of a node form a sync group.
/// </summary>
public sealed class SyncGroupCoordinatorTests : IAsyncDisposable
{
    private static readonly TimeSpan S = TimeSpan.FromSeconds(1);
    private readonly FakeTimeProvider _time = new();
    private readonly FakeVrrpSegment _outside = new();
    private readonly FakeVrrpSegment _inside = new();
    private readonly List<IAsyncDisposable> _owned = [];

    public async ValueTask DisposeAsync()
    {
        foreach (var owned in Enumerable.Reverse(_owned))
        {
            await owned.DisposeAsync();
        }
    }

    private (TestNode Out, TestNode In) Node(string address, int outPriority, int inPriority)
    {
        var outside = new TestNode(address, TestNode.Options(priority: outPriority), _time, _outside, name: "VI_OUT");
        var inside = new TestNode(address, TestNode.Options(priority: inPriority), _time, _inside, name: "VI_IN");
        _owned.Add(outside);
        _owned.Add(inside);
        return (outside, inside);
    }

    private static SyncGroupCoordinator Group((TestNode Out, TestNode In) node, RecordingNotifyScriptRunner? scripts = null, VrrpNotifyOptions? notify = null) =>
        new("G1", [node.Out.Runner, node.In.Runner], notify, scripts ?? new RecordingNotifyScriptRunner(), NullLogger.Instance);

    private static async Task StartAsync((TestNode Out, TestNode In) node, SyncGroupCoordinator? group)
    {
        await node.Out.StartAsync();
        await node.In.StartAsync();
        group?.Start();
    }

    [Fact]
    public async Task MemberBecomesMaster_OtherMemberFollowsAtOnce()
    {
        var node = Node("192.0.2.11", outPriority: 254, inPriority: 1); // alone, VI_IN would wait 3.996 s
        using var group = Group(node);
        await StartAsync(node, group);

        await FakeClock.RunAsync(_time, 3.1 * S, () => node.Out.State == VrrpState.Master && node.In.State == VrrpState.Master, step: TimeSpan.FromMilliseconds(50));

        Assert.Equal((VrrpState.Master, VrrpState.Master), (node.Out.State, node.In.State));
        Assert.True(node.In.HasVip);
        Assert.Equal(VrrpState.Master, group.State);
    }

    [Fact]
    public async Task OneMemberFaults_EveryMemberGoesToFaultPeerTakesBothAndBack()
    {
        var one = Node("192.0.2.11", 150, 150);
        var two = Node("192.0.2.12", 100, 100);
        using var groupOne = Group(one);
        using var groupTwo = Group(two);
        await StartAsync(one, groupOne);
        await StartAsync(two, groupTwo);
        await FakeClock.RunAsync(_time, 5 * S, () => one.Out.State == VrrpState.Master && one.In.State == VrrpState.Master);

        one.Out.Links.Up["eth0"] = false; // the outside link of node one fails
        await FakeClock.RunAsync(_time, 3 * S, () => two.Out.State == VrrpState.Master && two.In.State == VrrpState.Master);

        Assert.Equal((VrrpState.Fault, VrrpState.Fault), (one.Out.State, one.In.State));
        Assert.False(one.In.HasVip); // the healthy inside leg left too: both VIPs stay on one node
        Assert.Equal((VrrpState.Master, VrrpState.Master), (two.Out.State, two.In.State));
        Assert.Equal(0, one.In.Transport.SentPriorities[^1]);

        one.Out.Links.Up["eth0"] = true;
        await FakeClock.RunAsync(_time, 10 * S, () => one.Out.State == VrrpState.Master && one.In.State == VrrpState.Master);
        Assert.Equal((VrrpState.Master, VrrpState.Master), (one.Out.State, one.In.State)); // preempts back with 150
        Assert.Equal((VrrpState.Backup, VrrpState.Backup), (two.Out.State, two.In.State));
    }

    [Fact]
    public async Task MemberFaultsAtStart_OtherMemberStartsInFault()
    {
        var node = Node("192.0.2.11", 150, 150);
        node.In.Links.Up["eth0"] = false;
        using var group = Group(node);
        await node.Out.Runner.StartAsync(CancellationToken.None);
        await node.In.Runner.StartAsync(CancellationToken.None);
        group.Start();

        await FakeClock.RunAsync(_time, 5 * S, () => node.Out.State == VrrpState.Fault);

        Assert.Equal((VrrpState.Fault, VrrpState.Fault), (node.Out.State, node.In.State));
        Assert.False(node.Out.HasVip);
    }

    [Fact]
    public async Task GroupStateChanges_GroupNotifyScriptsRunWithKeepalivedArguments()
    {
        var node = Node("192.0.2.11", 150, 150);
        var scripts = new RecordingNotifyScriptRunner();
        using var group = Group(node, scripts, new VrrpNotifyOptions { Master = "/etc/l7gate/group-master.sh", Any = "/etc/l7gate/group.sh" });
        await StartAsync(node, group);
        await FakeClock.RunAsync(_time, 5 * S, () => group.State == VrrpState.Master);

        node.Out.Links.Up["eth0"] = false;
        await FakeClock.RunAsync(_time, 2 * S, () => group.State == VrrpState.Fault);

        Assert.Equal(
            [("/etc/l7gate/group.sh", ["GROUP", "G1", "BACKUP"]), ("/etc/l7gate/group-master.sh", []), ("/etc/l7gate/group.sh", ["GROUP", "G1", "MASTER"]),
             ("/etc/l7gate/group.sh", ["GROUP", "G1", "FAULT"])],
            scripts.Started.Select(s => (s.Path, s.Arguments)).ToArray());
    }
}
