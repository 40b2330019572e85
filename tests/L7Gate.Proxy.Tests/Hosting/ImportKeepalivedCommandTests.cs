using System.Text.Json.Nodes;

namespace L7Gate.Proxy.Tests.Hosting;

/// <summary>
/// The real L7Gate process: <c>import keepalived</c> prints a Failover section that <c>--check</c> accepts, and
/// reports what it could not carry over on stderr.
/// </summary>
public sealed class ImportKeepalivedCommandTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("l7gate-import-");

    public void Dispose() => _directory.Delete(recursive: true);

    private static string Sample(string name) => Path.Combine(AppContext.BaseDirectory, "KeepalivedSamples", name);

    [Theory]
    [InlineData("kubeadm-ha-considerations.keepalived.conf")]
    [InlineData("keepalived.conf.vrrp.localcheck")]
    [InlineData("keepalived.conf.vrrp.sync")]
    public async Task Import_RealWorldConfig_PrintsFailoverSectionThatCheckAccepts(string file)
    {
        var import = await L7GateProcess.RunAsync(["import", "keepalived", Sample(file)]);

        Assert.True(import.ExitCode == 0, string.Join('\n', import.StderrLines));
        Assert.NotEmpty(import.StderrLines); // every sample has keywords L7Gate does not carry over (state, router_id, ...)
        Assert.All(import.StderrLines, l => Assert.StartsWith(file + ":", l, StringComparison.Ordinal));
        var failover = JsonNode.Parse(string.Join('\n', import.StdoutLines))!["Failover"]!.AsObject();
        var config = new JsonObject
        {
            ["ReverseProxy"] = JsonNode.Parse("""
                { "Routes": { "all": { "ClusterId": "c", "Match": { "Path": "/{**rest}" } } },
                  "Clusters": { "c": { "Destinations": { "d": { "Address": "http://127.0.0.1:1/" } } } } }
                """),
            ["Failover"] = failover.DeepClone(),
        };
        var path = Path.Combine(_directory.FullName, "appsettings.json");
        await File.WriteAllTextAsync(path, config.ToJsonString());

        var check = await L7GateProcess.RunAsync(["--config", path, "--check"]);

        Assert.True(check.ExitCode == 0, string.Join('\n', check.StderrLines));
        Assert.Empty(check.StderrLines);
    }

    [Fact]
    public async Task Import_MissingFile_ExitsOneWithOneLine()
    {
        var result = await L7GateProcess.RunAsync(["import", "keepalived", Path.Combine(_directory.FullName, "absent.conf")]);

        Assert.Equal(1, result.ExitCode);
        Assert.Empty(result.StdoutLines);
        Assert.StartsWith("import keepalived: ", Assert.Single(result.StderrLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_WrongUsage_ExitsOneWithUsage()
    {
        var result = await L7GateProcess.RunAsync(["import", "vrrpd", "x"]);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(["usage: L7Gate import keepalived <keepalived.conf>"], result.StderrLines);
    }
}
