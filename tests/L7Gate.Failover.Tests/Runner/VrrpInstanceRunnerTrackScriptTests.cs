using L7Gate.Failover.Options;
using L7Gate.Failover.StateMachine;
using L7Gate.Failover.Tests.Fakes;
using L7Gate.Failover.Tracking;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace L7Gate.Failover.Tests.Runner;

/// <summary>keepalived track_script semantics on a running instance: weight 0 → Fault, negative subtracts while failing, positive adds while healthy.</summary>
public class VrrpInstanceRunnerTrackScriptTests
{
    private static readonly TimeSpan S = TimeSpan.FromSeconds(1);

    private static (TrackScriptMonitor Monitor, FakeTrackScriptExecutor Executor) Script(FakeTimeProvider time, int weight)
    {
        var executor = new FakeTrackScriptExecutor();
        return (new TrackScriptMonitor("chk_apiserver", new TrackScriptOptions { Path = "/etc/keepalived/check_apiserver.sh", Interval = S, Weight = weight }, executor, time, NullLogger.Instance), executor);
    }

    private static async Task<TestNode> StartedNodeAsync(FakeTimeProvider time, TrackScriptMonitor monitor, int? weightOverride, int priority = 100)
    {
        var options = TestNode.Options(priority: priority);
        options.TrackScripts = [new TrackScriptReference { Name = "chk_apiserver", Weight = weightOverride }];
        var node = new TestNode("192.0.2.11", options, time, trackScripts: new Dictionary<string, TrackScriptMonitor> { ["chk_apiserver"] = monitor });
        await node.StartAsync();
        monitor.Start();
        await FakeClock.RunAsync(time, 4 * S, () => node.State == VrrpState.Master);
        return node;
    }

    [Fact]
    public async Task ScriptFails_NegativeWeight_SubtractsWhileFailingAndRestores()
    {
        var time = new FakeTimeProvider();
        var (monitor, executor) = Script(time, weight: -2); // kubeadm's check_apiserver: weight -2
        await using var _ = monitor;
        await using var node = await StartedNodeAsync(time, monitor, weightOverride: -30);

        executor.Succeed = false;
        await FakeClock.RunAsync(time, 3 * S, () => node.Runner.EffectivePriority == 70);
        Assert.Equal(70, node.Runner.EffectivePriority); // the instance's override, not the script's -2
        Assert.Equal(70, node.Transport.SentPriorities[^1]); // advertised at once, still master
        Assert.Equal(VrrpState.Master, node.State);

        executor.Succeed = true;
        await FakeClock.RunAsync(time, 3 * S, () => node.Runner.EffectivePriority == 100);
        Assert.Equal(100, node.Runner.EffectivePriority);
    }

    [Fact]
    public async Task ScriptHealthy_PositiveWeight_AddsWhileHealthy()
    {
        var time = new FakeTimeProvider();
        var (monitor, executor) = Script(time, weight: 20);
        await using var _ = monitor;
        await using var node = await StartedNodeAsync(time, monitor, weightOverride: null);
        Assert.Equal(120, node.Runner.EffectivePriority);

        executor.Succeed = false;
        await FakeClock.RunAsync(time, 3 * S, () => node.Runner.EffectivePriority == 100);
        Assert.Equal(100, node.Runner.EffectivePriority);
    }

    [Fact]
    public async Task ScriptFails_WeightZero_MasterGoesToFaultAndBack()
    {
        var time = new FakeTimeProvider();
        var (monitor, executor) = Script(time, weight: 0);
        await using var _ = monitor;
        await using var node = await StartedNodeAsync(time, monitor, weightOverride: null);

        executor.Succeed = false;
        await FakeClock.RunAsync(time, 3 * S, () => node.State == VrrpState.Fault);
        Assert.Equal(VrrpState.Fault, node.State);
        Assert.False(node.HasVip);
        Assert.Equal(0, node.Transport.SentPriorities[^1]);

        executor.Succeed = true;
        await FakeClock.RunAsync(time, 3 * S, () => node.State == VrrpState.Backup);
        Assert.Equal(VrrpState.Backup, node.State);
    }
}
