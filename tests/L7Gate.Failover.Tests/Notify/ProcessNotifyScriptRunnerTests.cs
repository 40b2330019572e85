using L7Gate.Failover.Notify;
using L7Gate.Failover.Tests.Fakes;
using Microsoft.Extensions.Logging.Abstractions;

namespace L7Gate.Failover.Tests.Notify;

[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class ProcessNotifyScriptRunnerTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("l7gate-notify-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string Script(string body)
    {
        var path = Path.Combine(_directory, "notify.sh");
        File.WriteAllText(path, "#!/bin/sh\n" + body + "\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }

    [Fact]
    public async Task Start_RealScript_GetsKeepalivedArgumentsWithoutBlockingTheCaller()
    {
        var output = Path.Combine(_directory, "args");
        var script = Script($"sleep 0.3; echo \"$@\" > {output}");
        var runner = new ProcessNotifyScriptRunner(NullLogger<ProcessNotifyScriptRunner>.Instance, TimeProvider.System);

        var watch = System.Diagnostics.Stopwatch.StartNew();
        runner.Start("VI_1", script, ["INSTANCE", "VI_1", "MASTER", "150"], TimeSpan.FromSeconds(10));
        Assert.True(watch.Elapsed < TimeSpan.FromMilliseconds(250), "Start returns before the script ends");

        await Eventually.TrueAsync(() => File.Exists(output) && File.ReadAllText(output).Length > 0, "the script ran");
        Assert.Equal("INSTANCE VI_1 MASTER 150\n", File.ReadAllText(output));
    }

    [Fact]
    public async Task Start_ScriptOverTimeout_Killed()
    {
        var output = Path.Combine(_directory, "late");
        var script = Script($"sleep 3; touch {output}");
        var runner = new ProcessNotifyScriptRunner(NullLogger<ProcessNotifyScriptRunner>.Instance, TimeProvider.System);

        runner.Start("VI_1", script, [], TimeSpan.FromMilliseconds(200));
        await Task.Delay(TimeSpan.FromSeconds(4));

        Assert.False(File.Exists(output));
    }

    [Fact]
    public void Start_MissingScript_DoesNotThrow()
    {
        var runner = new ProcessNotifyScriptRunner(NullLogger<ProcessNotifyScriptRunner>.Instance, TimeProvider.System);

        runner.Start("VI_1", Path.Combine(_directory, "absent.sh"), [], TimeSpan.FromSeconds(1));
    }
}
