using System.Net;
using System.Text.Json.Nodes;
using L7Gate.Admin.Tests.Infrastructure;
using L7Gate.Failover.Control;
using L7Gate.Failover.StateMachine;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace L7Gate.Admin.Tests.Admin;

/// <summary>
/// The dashboard in a real headless Chromium against a real gateway: Program on real Kestrel (proxy and admin
/// listeners on loopback port 0) in front of real backends. The failover engine's own I/O needs root and network
/// namespaces, so a scripted engine supplies one Master instance for the page to show.
/// </summary>
public class DashboardBrowserTests : BackendPairTests
{
    [BrowserFact]
    public async Task Dashboard_InChromium_ShowsStateAndDrainsDestination()
    {
        Assert.Null(BrowserTools.Missing());
        await BrowserTools.EnsurePackagesAsync();
        var directory = Directory.CreateTempSubdirectory("l7gate-admin-browser-");
        var configPath = Path.Combine(directory.FullName, "l7gate.json");
        var config = TestConfig.Gateway([A, B], new JsonObject { ["Urls"] = "http://127.0.0.1:0", ["ApiKey"] = TestConfig.ApiKey, ["NodeName"] = "gw-1" },
            loadBalancing: "RoundRobin");
        config["ReverseProxy"]!["Clusters"]!["web"]!["HealthCheck"] = new JsonObject
        {
            ["Active"] = new JsonObject { ["Enabled"] = true, ["Interval"] = "00:00:01", ["Path"] = "/health" },
            ["Passive"] = new JsonObject { ["Enabled"] = true },
        };
        await File.WriteAllTextAsync(configPath, config.ToJsonString());
        await using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseSetting("config", configPath);
            builder.ConfigureTestServices(s => s.Replace(ServiceDescriptor.Singleton<IFailoverControl>(new MasterFailoverControl())));
        });
        factory.UseKestrel(0);
        factory.StartServer();
        var adminServer = factory.Services.GetRequiredService<AdminServer>();
        Assert.False(adminServer.InMemory);
        var adminUrl = adminServer.Urls.Single();
        var proxyUrl = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        using var proxy = new HttpClient { BaseAddress = new Uri(proxyUrl) };
        for (var i = 0; i < 20; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await proxy.GetAsync("/page")).StatusCode);
        }

        var screenshot = Path.Combine(AppContext.BaseDirectory, "artifacts", "dashboard.png");
        var expectations = new JsonObject
        {
            ["clusters"] = new JsonArray(new JsonObject { ["id"] = "web", ["destinations"] = new JsonArray("a", "b") }),
            ["failover"] = new JsonArray(new JsonObject { ["name"] = "VI_1", ["state"] = "Master", ["vips"] = new JsonArray("192.0.2.100/24") }),
            ["drain"] = new JsonObject { ["cluster"] = "web", ["destination"] = "a" },
        };

        var (exitCode, output) = await BrowserTools.RunAsync("node", BrowserTools.ScriptDirectory, TimeSpan.FromMinutes(3),
            "dashboard.spec.mjs", adminUrl, TestConfig.ApiKey, screenshot, expectations.ToJsonString());

        Assert.True(exitCode == 0, output);
        Assert.True(new FileInfo(screenshot).Length > 10_000, "screenshot written");
        if (Environment.GetEnvironmentVariable("L7GATE_ARTIFACTS_DIR") is { Length: > 0 } artifacts)
        {
            Directory.CreateDirectory(artifacts);
            File.Copy(screenshot, Path.Combine(artifacts, "dashboard.png"), overwrite: true);
        }

        // The click reached the gateway: new requests avoid the drained destination.
        var before = A.Requests;
        for (var i = 0; i < 6; i++)
        {
            Assert.Equal("b", await proxy.GetStringAsync("/after-drain"));
        }

        Assert.Equal(before, A.Requests);
        directory.Delete(recursive: true);
    }

    private sealed class MasterFailoverControl : IFailoverControl
    {
        public IReadOnlyList<FailoverInstanceStatus> Instances =>
        [
            new("VI_1", "eth0", 51, 3, VrrpState.Master, 150, 150, "192.0.2.1", ["192.0.2.100/24"], false, DateTimeOffset.UnixEpoch),
            new("VI_2", "eth0", 52, 3, VrrpState.Backup, 100, 100, "192.0.2.2", ["192.0.2.101/24"], false, DateTimeOffset.UnixEpoch),
        ];

        public Task<bool> EnterMaintenanceAsync(string instance, CancellationToken cancellationToken) => Task.FromResult(false);

        public Task<bool> LeaveMaintenanceAsync(string instance, CancellationToken cancellationToken) => Task.FromResult(false);
    }
}
