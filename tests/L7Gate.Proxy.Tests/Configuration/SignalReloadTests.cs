using System.Diagnostics;
using System.Runtime.Versioning;
using L7Gate.Proxy.Tests.Infrastructure;

namespace L7Gate.Proxy.Tests.Configuration;

/// <summary><c>kill -HUP</c> re-reads the config, as with nginx and HAProxy, instead of terminating L7Gate.</summary>
public sealed class SignalReloadTests
{
    [Fact]
    [SupportedOSPlatform("linux")]
    public async Task Sighup_RunningGateway_ReloadsInsteadOfExiting()
    {
        var directory = Directory.CreateTempSubdirectory("l7gate-hup-");
        var config = Path.Combine(directory.FullName, "l7gate.json");
        await File.WriteAllTextAsync(config, """
            {
              "ReverseProxy": {
                "Routes": { "all": { "ClusterId": "c", "Match": { "Path": "/{**rest}" } } },
                "Clusters": { "c": { "Destinations": { "d": { "Address": "http://127.0.0.1:1/" } } } }
              }
            }
            """);
        await using var process = L7GateProcess.Start(["--config", config]);
        try
        {
            Assert.True(await process.WaitForOutputAsync("Application started", TimeSpan.FromSeconds(60)), $"L7Gate did not start:\n{process.Output}");

            using (var kill = Process.Start("kill", ["-HUP", process.Pid.ToString()]))
            {
                await kill.WaitForExitAsync();
            }

            await Task.Delay(TimeSpan.FromSeconds(1));
            Assert.False(process.HasExited, $"SIGHUP terminated L7Gate:\n{process.Output}");
        }
        finally
        {
            process.KillHard();
            directory.Delete(recursive: true);
        }
    }
}
