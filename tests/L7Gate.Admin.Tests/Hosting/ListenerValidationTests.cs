using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using L7Gate.Admin.Tests.Infrastructure;

namespace L7Gate.Admin.Tests.Hosting;

/// <summary>
/// What <c>--check</c> accepts must start: the listener keys Kestrel reads at startup are validated with the whole
/// file, and a listener that still cannot bind ends the process with one line and exit 1, not an unhandled exception.
/// </summary>
public class ListenerValidationTests : BackendTests
{
    [Theory]
    [InlineData("--check")]
    [InlineData(null)]
    public async Task Start_HttpsKestrelEndpointWithoutCertificate_ExitOneNamingTheCertificateKey(string? check)
    {
        var config = TestConfig.Gateway([A]);
        config["Kestrel"] = new JsonObject { ["Endpoints"] = new JsonObject { ["Https"] = new JsonObject { ["Url"] = "https://127.0.0.1:0" } } };

        var (exit, output) = await RunAsync(config, check);

        Assert.True(exit == 1, $"exit {exit}:\n{output}");
        Assert.Contains("Kestrel:Certificates:Default:Path", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Kestrel", "htp//nowhere")]
    [InlineData("Urls", "127.0.0.1:8080")]
    public async Task Check_ListenerUrlNotAUrl_ExitOneNamingTheKey(string where, string url)
    {
        var config = TestConfig.Gateway([A]);
        if (where == "Kestrel")
        {
            config["Kestrel"] = new JsonObject { ["Endpoints"] = new JsonObject { ["Http"] = new JsonObject { ["Url"] = url } } };
        }
        else
        {
            config["Urls"] = url;
        }

        var (exit, output) = await RunAsync(config, "--check");

        Assert.True(exit == 1, $"exit {exit}:\n{output}");
        Assert.Contains(where == "Kestrel" ? "Kestrel:Endpoints:Http:Url" : "Urls", output, StringComparison.Ordinal);
        Assert.Contains(url, output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Kestrel", "http://admin:hunter2pass@127.0.0.1:notaport")]
    [InlineData("Urls", "http://admin:hunter2pass@127.0.0.1:8080")]
    [InlineData("Admin", "http://admin:hunter2pass@127.0.0.1:9901")]
    public async Task Check_ListenerUrlWithUserInfo_ExitOneNamingTheKeyWithoutThePassword(string where, string url)
    {
        var config = TestConfig.Gateway([A]);
        switch (where)
        {
            case "Kestrel":
                config["Kestrel"] = new JsonObject { ["Endpoints"] = new JsonObject { ["Http"] = new JsonObject { ["Url"] = url } } };
                break;
            case "Urls":
                config["Urls"] = url;
                break;
            default:
                config["Admin"]!["Urls"] = url;
                break;
        }

        var (exit, output) = await RunAsync(config, "--check");

        Assert.True(exit == 1, $"exit {exit}:\n{output}");
        Assert.Contains(where switch { "Kestrel" => "Kestrel:Endpoints:Http:Url", "Urls" => "Urls", _ => "Admin:Urls" }, output, StringComparison.Ordinal);
        Assert.Contains("http://***@127.0.0.1", output, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2pass", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_ProxyPortInUse_OneLineAndExitOne()
    {
        using var occupied = new TcpListener(IPAddress.Loopback, 0);
        occupied.Start();
        var config = TestConfig.Gateway([A]);
        config["Urls"] = $"http://127.0.0.1:{((IPEndPoint)occupied.LocalEndpoint).Port}";

        var (exit, output) = await RunAsync(config, null);

        Assert.True(exit == 1, $"exit {exit}:\n{output}");
        Assert.Contains(output.Split('\n'), line => line.StartsWith("L7Gate: could not start:", StringComparison.Ordinal)
            && line.Contains($":{((IPEndPoint)occupied.LocalEndpoint).Port}", StringComparison.Ordinal));
        Assert.DoesNotContain("Unhandled exception", output, StringComparison.Ordinal);
    }

    private static async Task<(int Exit, string Output)> RunAsync(JsonObject config, string? check)
    {
        await using var gateway = GatewayProcess.Start(config, null, check is null ? [] : [check]);
        var exit = await gateway.WaitForExitAsync(TimeSpan.FromSeconds(60));
        return (exit, gateway.Output);
    }
}
