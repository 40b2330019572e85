using L7Gate.Failover.StateMachine;
using L7Gate.Failover.Tests.Fakes;
using Microsoft.Extensions.Time.Testing;

namespace L7Gate.Failover.Tests.Runner;

public class VrrpInstanceRunnerElectionTests
{
    private static readonly TimeSpan S = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task Start_TwoNodes_HigherPriorityBecomesMasterAndOnlyItHoldsTheVip()
    {
        var time = new FakeTimeProvider();
        var lan = new FakeVrrpSegment();
        await using var a = new TestNode("192.0.2.11", TestNode.Options(priority: 150), time, lan);
        await using var b = new TestNode("192.0.2.12", TestNode.Options(priority: 100), time, lan);
        await a.StartAsync();
        await b.StartAsync();

        await FakeClock.RunAsync(time, 3.5 * S, () => a.State == VrrpState.Master);
        await FakeClock.RunAsync(time, 10 * S);

        Assert.Equal(VrrpState.Master, a.State);
        Assert.Equal(VrrpState.Backup, b.State);
        Assert.True(a.HasVip);
        Assert.False(b.HasVip);
        Assert.Equal("192.0.2.11", b.Runner.Status.MasterAddress);
        Assert.InRange(a.Transport.Sent.Count, 10, 13); // one on becoming master at ~3.4 s, then one a second
        Assert.Empty(b.Transport.Sent);
    }

    [Fact]
    public async Task Start_Priority255_MasterAtOnce()
    {
        var time = new FakeTimeProvider();
        await using var owner = new TestNode("192.0.2.11", TestNode.Options(priority: 255), time);

        await owner.StartAsync(VrrpState.Master);

        Assert.True(owner.HasVip);
        Assert.Equal([255], owner.Transport.SentPriorities);
    }

    [Fact]
    public async Task Preempt_HigherPriorityNodeJoinsLater_TakesOverAfterMasterDownInterval()
    {
        var time = new FakeTimeProvider();
        var lan = new FakeVrrpSegment();
        await using var a = new TestNode("192.0.2.11", TestNode.Options(priority: 100), time, lan);
        await using var b = new TestNode("192.0.2.12", TestNode.Options(priority: 150), time, lan);
        await a.StartAsync();
        await FakeClock.RunAsync(time, 4 * S, () => a.State == VrrpState.Master);
        Assert.Equal(VrrpState.Master, a.State);

        await b.StartAsync();
        var took = await FakeClock.RunAsync(time, 10 * S, () => b.State == VrrpState.Master && a.State == VrrpState.Backup);

        Assert.Equal(VrrpState.Master, b.State);
        Assert.Equal(VrrpState.Backup, a.State);
        Assert.True(b.HasVip);
        Assert.False(a.HasVip);
        Assert.InRange(took, 3 * S, 4 * S); // b's Master_Down_Interval at 150 is 3.41 s
    }

    [Fact]
    public async Task NoPreempt_HigherPriorityNodeJoinsLater_StaysBackup()
    {
        var time = new FakeTimeProvider();
        var lan = new FakeVrrpSegment();
        await using var a = new TestNode("192.0.2.11", TestNode.Options(priority: 100), time, lan);
        await using var b = new TestNode("192.0.2.12", TestNode.Options(priority: 150, preempt: false), time, lan);
        await a.StartAsync();
        await FakeClock.RunAsync(time, 4 * S, () => a.State == VrrpState.Master);

        await b.StartAsync();
        await FakeClock.RunAsync(time, 12 * S);

        Assert.Equal(VrrpState.Master, a.State);
        Assert.Equal(VrrpState.Backup, b.State);
        Assert.False(b.HasVip);
    }

    [Fact]
    public async Task PreemptDelay_HigherPriorityNodeJoinsLater_TakesOverOnlyAfterTheDelay()
    {
        var time = new FakeTimeProvider();
        var lan = new FakeVrrpSegment();
        await using var a = new TestNode("192.0.2.11", TestNode.Options(priority: 100), time, lan);
        await using var b = new TestNode("192.0.2.12", TestNode.Options(priority: 150, preemptDelay: 10 * S), time, lan);
        await a.StartAsync();
        await FakeClock.RunAsync(time, 4 * S, () => a.State == VrrpState.Master);

        await b.StartAsync();
        await FakeClock.RunAsync(time, 9 * S);
        Assert.Equal(VrrpState.Backup, b.State);

        await FakeClock.RunAsync(time, 10 * S, () => b.State == VrrpState.Master);
        Assert.Equal(VrrpState.Master, b.State);
        Assert.Equal(VrrpState.Backup, a.State);
    }

    [Fact]
    public async Task SplitBrain_PartitionHeals_HigherPriorityMasterStaysAndReannounces()
    {
        var time = new FakeTimeProvider();
        var lan = new FakeVrrpSegment();
        await using var a = new TestNode("192.0.2.11", TestNode.Options(priority: 150), time, lan);
        await using var b = new TestNode("192.0.2.12", TestNode.Options(priority: 100), time, lan);
        await a.StartAsync();
        await b.StartAsync();
        await FakeClock.RunAsync(time, 4 * S, () => a.State == VrrpState.Master);

        lan.Partitioned = true;
        await FakeClock.RunAsync(time, 5 * S, () => b.State == VrrpState.Master);
        Assert.Equal(VrrpState.Master, b.State); // both masters while cut
        var garpsBefore = a.Garp.Sent.Count;

        // Heal b -> a first, so a hears the lower-priority master before b hears a.
        lan.Muted[a.Address] = true;
        lan.Partitioned = false;
        await FakeClock.RunAsync(time, 2 * S, () => a.Garp.Sent.Count > garpsBefore);
        Assert.Equal(VrrpState.Master, b.State);
        lan.Muted.Clear();
        await FakeClock.RunAsync(time, 3 * S, () => b.State == VrrpState.Backup);

        Assert.Equal(VrrpState.Master, a.State);
        Assert.Equal(VrrpState.Backup, b.State);
        Assert.False(b.HasVip);
        Assert.True(a.Garp.Sent.Count > garpsBefore, "the surviving master re-announces the VIP with GARP");
    }
}
