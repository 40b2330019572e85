using System.Text.Json.Nodes;
using L7Gate.Deploy.Tests.Infrastructure;

namespace L7Gate.Deploy.Tests.Hosting;

/// <summary>
/// `L7Gate --healthcheck`, the image's HEALTHCHECK (the runtime image has no curl), run from the
/// published output against a listener that stands in for the admin API.
/// </summary>
[Collection(PublishedAppCollection.Name)]
public sealed class HealthCheckCommandTests(PublishedApp app) : IDisposable
{
    [Fact]
    public async Task HealthCheck_AdminAnswers200_ExitsZeroAfterAskingHealthz()
    {
        using var admin = new OneShotHttpServer(200);
        var config = WriteConfig(new JsonObject { ["Admin"] = new JsonObject { ["Urls"] = $"http://127.0.0.1:{admin.Port}" } });

        var result = await app.RunAsync("--healthcheck", "--config", config);

        Assert.True(result.ExitCode == 0, result.Output);
        Assert.StartsWith("GET /healthz HTTP/1.1", await admin.Request, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HealthCheck_AdminAnswers503_ExitsOne()
    {
        using var admin = new OneShotHttpServer(503);
        var config = WriteConfig(new JsonObject { ["Admin"] = new JsonObject { ["Urls"] = $"http://127.0.0.1:{admin.Port}" } });

        var result = await app.RunAsync("--healthcheck", "--config", config);

        Assert.True(result.ExitCode == 1, result.Output);
        Assert.Contains("503", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HealthCheck_NothingListening_ExitsOneNamingTheUrl()
    {
        var port = FreePort.Next();
        var config = WriteConfig(new JsonObject { ["Admin"] = new JsonObject { ["Urls"] = $"http://127.0.0.1:{port}" } });

        var result = await app.RunAsync("--healthcheck", "--config", config);

        Assert.True(result.ExitCode == 1, result.Output);
        Assert.Contains($"127.0.0.1:{port}/healthz", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HealthCheck_WildcardAdminListenerWithApiKey_ProbesLoopbackWithBearer()
    {
        // A container's admin listener binds all interfaces (http://+:9901), which then requires an API key.
        using var admin = new OneShotHttpServer(200);
        var config = WriteConfig(new JsonObject
        {
            ["Admin"] = new JsonObject { ["Urls"] = $"http://+:{admin.Port}", ["ApiKey"] = "s3cret-key" },
        });

        var result = await app.RunAsync("--healthcheck", "--config", config);

        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Contains("Authorization: Bearer s3cret-key", await admin.Request, StringComparison.OrdinalIgnoreCase);
    }

    private readonly List<string> _configs = [];

    public void Dispose()
    {
        foreach (var path in _configs)
        {
            File.Delete(path);
        }
    }

    private string WriteConfig(JsonObject config)
    {
        var path = Path.Combine(Path.GetTempPath(), $"l7gate-hc-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, config.ToJsonString());
        _configs.Add(path);
        return path;
    }
}
