using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using L7Gate.Admin.Tests.Infrastructure;

namespace L7Gate.Admin.Tests.Hosting;

/// <summary>
/// <c>Kestrel:Endpoints</c> is read at startup only: a changed file never re-binds the proxy listeners of a running
/// process (ASP.NET Core's default host would, and a failed re-bind dropped the working listener).
/// </summary>
public class ListenerReloadTests : BackendTests
{
    [Fact]
    public async Task Reload_KestrelEndpointMovedToPortInUse_OldListenerServesAndChangeIsPendingRestart()
    {
        using var occupied = new TcpListener(IPAddress.Loopback, 0);
        occupied.Start();
        var busyPort = ((IPEndPoint)occupied.LocalEndpoint).Port;
        var config = WithEndpoint(TestConfig.Gateway([A]), "http://127.0.0.1:0");
        await using var gateway = GatewayProcess.Start(config);
        await gateway.WaitReadyAsync();
        using var proxy = gateway.ProxyClient();
        using var admin = gateway.AdminClient();
        Assert.Equal("a", await proxy.GetStringAsync("/hello"));
        var generation = await GenerationAsync(admin);

        await File.WriteAllTextAsync(gateway.ConfigPath, WithEndpoint(TestConfig.Gateway([A]), $"http://127.0.0.1:{busyPort}").ToJsonString());

        var status = await Eventually.GetAsync(() => StatusAsync(admin), s => s["config"]!["generation"]!.GetValue<long>() > generation,
            "the changed file to be applied", TimeSpan.FromSeconds(30));
        Assert.Contains("Kestrel", status["config"]!["pendingRestart"]!.AsArray().Select(k => k!.GetValue<string>()));
        Assert.Equal("a", await proxy.GetStringAsync("/hello"));
        using var ready = await admin.GetAsync("/readyz");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.DoesNotContain(gateway.Output.Split('\n'), line => line.Contains("Now listening on") && line.Contains($":{busyPort}"));
    }

    [Fact]
    public async Task Reload_KestrelEndpointMovedToFreePort_OldListenerKeepsServingNewOneNotBound()
    {
        using var reserved = new TcpListener(IPAddress.Loopback, 0);
        reserved.Start();
        var newPort = ((IPEndPoint)reserved.LocalEndpoint).Port;
        reserved.Stop();
        await using var gateway = GatewayProcess.Start(WithEndpoint(TestConfig.Gateway([A]), "http://127.0.0.1:0"));
        await gateway.WaitReadyAsync();
        using var proxy = gateway.ProxyClient();
        using var admin = gateway.AdminClient();
        var generation = await GenerationAsync(admin);

        await File.WriteAllTextAsync(gateway.ConfigPath, WithEndpoint(TestConfig.Gateway([A]), $"http://127.0.0.1:{newPort}").ToJsonString());

        await Eventually.GetAsync(() => GenerationAsync(admin), g => g > generation, "the changed file to be applied", TimeSpan.FromSeconds(30));
        Assert.Equal("a", await proxy.GetStringAsync("/hello"));
        using var probe = new TcpClient();
        await Assert.ThrowsAnyAsync<SocketException>(() => probe.ConnectAsync(IPAddress.Loopback, newPort));
    }

    private static JsonObject WithEndpoint(JsonObject config, string url)
    {
        config["Kestrel"] = new JsonObject { ["Endpoints"] = new JsonObject { ["Http"] = new JsonObject { ["Url"] = url } } };
        config["Admin"]!["Urls"] = "http://127.0.0.1:0";
        return config;
    }

    private static async Task<JsonNode> StatusAsync(HttpClient admin) => JsonNode.Parse(await admin.GetStringAsync("/admin/status"))!;

    private static async Task<long> GenerationAsync(HttpClient admin) => (await StatusAsync(admin))["config"]!["generation"]!.GetValue<long>();
}
