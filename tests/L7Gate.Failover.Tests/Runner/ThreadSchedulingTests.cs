using System.Collections.Concurrent;
using L7Gate.Failover.Network;
using L7Gate.Failover.StateMachine;
using Microsoft.Extensions.Time.Testing;

namespace L7Gate.Failover.Tests.Runner;

/// <summary>The engine's dedicated threads ask the OS for their configured nice value, and carry on when refused.</summary>
public class ThreadSchedulingTests
{
    [Fact]
    public async Task Start_NiceConfigured_EngineAndReceiveThreadsEachSetIt()
    {
        var scheduling = new RecordingScheduling(allow: true);
        var time = new FakeTimeProvider();
        await using var node = new TestNode("192.0.2.11", TestNode.Options(priority: 255), time, scheduling: scheduling, threadNice: -10);

        await node.StartAsync(VrrpState.Master);
        await WaitForAsync(() => scheduling.Calls.Count == 2);

        Assert.Equal(["vrrp-VI_1 -10", "vrrp-rx-VI_1 -10"], scheduling.Calls.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Start_OsRefuses_InstanceStillBecomesMaster()
    {
        var scheduling = new RecordingScheduling(allow: false);
        var time = new FakeTimeProvider();
        await using var node = new TestNode("192.0.2.11", TestNode.Options(priority: 255), time, scheduling: scheduling, threadNice: -10);

        await node.StartAsync(VrrpState.Master);

        Assert.True(node.HasVip);
    }

    [Fact]
    public async Task Start_NiceZero_ThreadsLeftAlone()
    {
        var scheduling = new RecordingScheduling(allow: true);
        var time = new FakeTimeProvider();
        await using var node = new TestNode("192.0.2.11", TestNode.Options(priority: 255), time, scheduling: scheduling, threadNice: 0);

        await node.StartAsync(VrrpState.Master);

        Assert.Empty(scheduling.Calls);
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        for (var i = 0; i < 500 && !condition(); i++)
        {
            await Task.Delay(10);
        }

        Assert.True(condition());
    }

    private sealed class RecordingScheduling(bool allow) : IThreadScheduling
    {
        public ConcurrentBag<string> Calls { get; } = [];

        public bool TrySetCurrentThreadNice(int nice, out string? error)
        {
            Calls.Add($"{Thread.CurrentThread.Name} {nice}");
            error = allow ? null : "Permission denied";
            return allow;
        }
    }
}
