using L7Gate.Failover.Options;
using L7Gate.Failover.Tests.Fakes;
using L7Gate.Failover.Tracking;
using Microsoft.Extensions.Time.Testing;

namespace L7Gate.Failover.Tests.Tracking;

/// <summary>Real short processes; the timeout runs on fake time, so nothing races the wall clock.</summary>
public sealed class ProcessTrackScriptExecutorTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("l7gate-track-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static TrackScriptOptions Sh(string command, params string[] extra) =>
        new() { Path = "/bin/sh", Arguments = ["-c", command, .. extra], Interval = TimeSpan.FromSeconds(2) };

    [Fact]
    public async Task RunAsync_ExitZero_SucceedsWithOutput()
    {
        var result = await new ProcessTrackScriptExecutor(new FakeTimeProvider()).RunAsync(Sh("echo apiserver ok"), CancellationToken.None);

        Assert.Equal(new TrackScriptResult(true, 0, "apiserver ok", null), result);
    }

    [Fact]
    public async Task RunAsync_ExitNonZero_FailsWithExitCodeAndBothStreams()
    {
        var result = await new ProcessTrackScriptExecutor(new FakeTimeProvider()).RunAsync(Sh("echo out; echo err >&2; exit 3"), CancellationToken.None);

        Assert.False(result.Success);
        Assert.Equal(3, result.ExitCode);
        Assert.Contains("out", result.Output);
        Assert.Contains("err", result.Output);
    }

    [Fact]
    public async Task RunAsync_ArgumentWithShellCharacters_PassedVerbatimWithoutAShell()
    {
        // $1 is compared by the script itself: it arrives as one word, with no splitting or expansion.
        var result = await new ProcessTrackScriptExecutor(new FakeTimeProvider())
            .RunAsync(Sh("test \"$1\" = 'a b;$(exit 1)*'", "sh", "a b;$(exit 1)*"), CancellationToken.None);

        Assert.True(result.Success, result.Output);
    }

    [Fact]
    public async Task RunAsync_MissingExecutable_FailsWithoutThrowing()
    {
        var result = await new ProcessTrackScriptExecutor(new FakeTimeProvider())
            .RunAsync(new TrackScriptOptions { Path = Path.Combine(_dir, "missing") }, CancellationToken.None);

        Assert.False(result.Success);
        Assert.Null(result.ExitCode);
        Assert.StartsWith("could not start", result.Error);
    }

    [Fact]
    public async Task RunAsync_PastTimeout_KillsTheWholeProcessTreeAndFails()
    {
        var time = new FakeTimeProvider();
        var pidFile = Path.Combine(_dir, "child.pid");
        var script = Sh($"sleep 300 & echo $! > {pidFile}; wait");
        script.Timeout = TimeSpan.FromSeconds(1);

        var run = new ProcessTrackScriptExecutor(time).RunAsync(script, CancellationToken.None);
        await Eventually.TrueAsync(() => File.Exists(pidFile) && File.ReadAllText(pidFile).EndsWith('\n'), "the script started its child");
        int child = int.Parse(File.ReadAllText(pidFile).Trim(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.False(run.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(1));
        var result = await run.WaitAsync(TimeSpan.FromSeconds(20));

        Assert.False(result.Success);
        Assert.Null(result.ExitCode);
        Assert.Contains("killed", result.Error);
        await Eventually.TrueAsync(() => !IsRunning(child), "the script's child sleep was killed too");
    }

    // Gone, or a zombie waiting for a parent that does not reap (PID 1 in a container may not).
    private static bool IsRunning(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..][0] != 'Z';
        }
        catch (IOException)
        {
            return false;
        }
    }
}
