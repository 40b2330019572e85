using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace L7Gate.Proxy.Tests.Configuration.Schema;

/// <summary>A misspelt key through the real host: refused at startup, by the admin API's validate and PUT, and by the reload.</summary>
public class UnknownKeyEndToEndTests : IAsyncLifetime
{
    private TestBackend _a = null!;

    public async Task InitializeAsync() => _a = await TestBackend.StartAsync("a");

    public async Task DisposeAsync() => await _a.DisposeAsync();

    [Fact]
    public async Task Start_MisspeltFailoverKey_ExitsNonZeroNamingPathAndSuggestion()
    {
        var config = Config();
        config["Failover"] = new JsonObject { ["Instances"] = new JsonObject { ["VI_1"] = new JsonObject { ["Prioirty"] = 200 } } };
        var path = Path.Combine(Path.GetTempPath(), $"l7gate-typo-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(path, config.ToJsonString());

        var result = await L7GateProcess.RunAsync(["--config", path]);
        File.Delete(path);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains(result.StderrLines, l => l.StartsWith("Failover:Instances:VI_1:Prioirty: unknown key 'Prioirty' in Failover:Instances:VI_1; did you mean 'Priority'?", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AdminValidateAndPut_MisspeltRouteMatchKey_422WithPathAndNothingApplied()
    {
        await using var gateway = GatewayHost.Start(Config());
        var generation = gateway.Config.Generation;
        var bad = Config();
        bad["ReverseProxy"]!["Routes"]!["all"]!["Match"]!["Pathh"] = "/x";

        foreach (var (method, uri) in new[] { (HttpMethod.Post, "/admin/config/validate"), (HttpMethod.Put, "/admin/config") })
        {
            using var request = new HttpRequestMessage(method, uri) { Content = new StringContent(bad.ToJsonString(), Encoding.UTF8, "application/json") };
            var response = await gateway.Admin.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();

            Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
            Assert.Contains("ReverseProxy:Routes:all:Match:Pathh", body, StringComparison.Ordinal);
            Assert.Contains("did you mean 'Path'?", body, StringComparison.Ordinal);
        }

        Assert.Equal(generation, gateway.Config.Generation);
    }

    [Fact]
    public async Task Reload_MisspeltHealthCheckKey_RejectedAndLastGoodKept()
    {
        await using var gateway = GatewayHost.Start(Config());
        var generation = gateway.Config.Generation;
        var bad = Config();
        bad["ReverseProxy"]!["Clusters"]!["web"]!["HealthCheck"] = new JsonObject { ["Actve"] = new JsonObject { ["Enabled"] = true } };

        await gateway.WriteConfigAsync(bad.ToJsonString());
        await Eventually.TrueAsync(() => gateway.Config.LastErrors.Count > 0, "the misspelt file is rejected");

        Assert.Contains(gateway.Config.LastErrors, e => e.Path == "ReverseProxy:Clusters:web:HealthCheck:Actve" && e.Message.Contains("'Active'", StringComparison.Ordinal));
        Assert.Equal(generation, gateway.Config.Generation);
    }

    private JsonObject Config() => new()
    {
        ["$schema"] = "l7gate.schema.json",
        ["Admin"] = new JsonObject { ["ApiKey"] = TestApiKey.Value },
        ["ReverseProxy"] = new JsonObject
        {
            ["Routes"] = new JsonObject { ["all"] = new JsonObject { ["ClusterId"] = "web", ["Match"] = new JsonObject { ["Path"] = "/{**catch-all}" } } },
            ["Clusters"] = new JsonObject { ["web"] = new JsonObject { ["Destinations"] = new JsonObject { ["a"] = new JsonObject { ["Address"] = _a.Url } } } },
        },
    };
}
