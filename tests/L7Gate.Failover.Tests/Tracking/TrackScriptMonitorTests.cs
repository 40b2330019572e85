using L7Gate.Failover.Options;
using L7Gate.Failover.Tests.Fakes;
using L7Gate.Failover.Tracking;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace L7Gate.Failover.Tests.Tracking;

public class TrackScriptMonitorTests
{
    private static readonly TimeSpan S = TimeSpan.FromSeconds(1);

    private static TrackScriptMonitor Create(TrackScriptOptions options, ITrackScriptExecutor executor, TimeProvider time) =>
        new("chk", options, executor, time, NullLogger.Instance);

    // Step fake time until exactly one more run completed (a run needs a whole interval, ten steps), per run.
    private static async Task RunsAsync(FakeTimeProvider time, TrackScriptMonitor monitor, int runs)
    {
        for (int i = 0; i < runs; i++)
        {
            long before = monitor.Runs;
            await Eventually.TrueAsync(() =>
            {
                if (monitor.Runs > before)
                {
                    return true;
                }

                time.Advance(S / 10);
                return false;
            }, "the next run completes");
            Assert.Equal(before + 1, monitor.Runs);
        }
    }

    [Fact]
    public async Task Runs_FailuresBelowFall_StaysHealthyThenFailsAtFall()
    {
        var time = new FakeTimeProvider();
        var executor = new FakeTrackScriptExecutor();
        await using var monitor = Create(new TrackScriptOptions { Path = "/x", Interval = S, Fall = 3, Rise = 2 }, executor, time);
        var changes = new List<bool>();
        monitor.HealthChanged += h => { lock (changes) { changes.Add(h); } };
        monitor.Start();
        await Eventually.TrueAsync(() => monitor.Runs == 1, "the first run at start");

        executor.Succeed = false;
        await RunsAsync(time, monitor, 2);
        Assert.True(monitor.IsHealthy);
        await RunsAsync(time, monitor, 1);
        Assert.False(monitor.IsHealthy);

        executor.Succeed = true;
        await RunsAsync(time, monitor, 1);
        Assert.False(monitor.IsHealthy);
        await RunsAsync(time, monitor, 1);
        Assert.True(monitor.IsHealthy);
        lock (changes)
        {
            Assert.Equal([false, true], changes);
        }
    }

    [Fact]
    public async Task Start_InitFail_FailedUntilRiseSuccesses()
    {
        var time = new FakeTimeProvider();
        var executor = new FakeTrackScriptExecutor();
        await using var monitor = Create(new TrackScriptOptions { Path = "/x", Interval = S, Rise = 2, InitFail = true }, executor, time);

        Assert.False(monitor.IsHealthy);
        monitor.Start();
        await Eventually.TrueAsync(() => monitor.Runs == 1, "the first run");
        Assert.False(monitor.IsHealthy);
        await RunsAsync(time, monitor, 1);
        Assert.True(monitor.IsHealthy);
    }

    [Fact]
    public async Task Runs_RunLongerThanInterval_NeverTwoInFlight()
    {
        var time = new FakeTimeProvider();
        var executor = new FakeTrackScriptExecutor { Hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously) };
        await using var monitor = Create(new TrackScriptOptions { Path = "/x", Interval = S, Timeout = S }, executor, time);
        monitor.Start();
        await Eventually.TrueAsync(() => executor.Calls == 1, "the first run starts");

        for (int i = 0; i < 10; i++)
        {
            time.Advance(S);
            await Task.Delay(5);
        }

        Assert.Equal(1, executor.Calls);
        executor.Hold.SetResult();
        executor.Hold = null;
        await Eventually.TrueAsync(() => executor.Calls == 2, "the next run starts at once after a late one");
        Assert.Equal(1, executor.MaxInFlight);
    }

    [Fact]
    public async Task Runs_RealScriptTogglesOnAFile_HealthFollowsItsExitCode()
    {
        var dir = Directory.CreateTempSubdirectory("l7gate-track-").FullName;
        try
        {
            var flag = Path.Combine(dir, "down");
            var time = new FakeTimeProvider();
            await using var monitor = Create(
                new TrackScriptOptions { Path = "/bin/sh", Arguments = ["-c", $"test ! -e {flag}"], Interval = S, Timeout = TimeSpan.FromHours(1) },
                new ProcessTrackScriptExecutor(time), time);
            monitor.Start();
            await Eventually.TrueAsync(() => monitor.Runs == 1, "the first run");
            Assert.True(monitor.IsHealthy);

            File.WriteAllText(flag, "");
            await RunsAsync(time, monitor, 1);
            Assert.False(monitor.IsHealthy);

            File.Delete(flag);
            await RunsAsync(time, monitor, 1);
            Assert.True(monitor.IsHealthy);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
