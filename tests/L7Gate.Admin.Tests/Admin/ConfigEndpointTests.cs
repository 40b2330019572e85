using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using L7Gate.Admin.Tests.Infrastructure;
using L7Gate.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace L7Gate.Admin.Tests.Admin;

public class ConfigEndpointTests : BackendPairTests
{
    [Fact]
    public async Task GetConfig_Secrets_Redacted()
    {
        var config = TestConfig.Gateway([A]);
        config["Telemetry"] = new JsonObject { ["ServiceName"] = "gw-test" };
        await using var gateway = GatewayHost.Start(config);

        var body = await gateway.Client.GetStringAsync("/admin/config");

        Assert.DoesNotContain(TestConfig.ApiKey, body);
        var json = JsonNode.Parse(body)!;
        Assert.Equal("***", json["Admin"]!["ApiKey"]!.GetValue<string>());
        Assert.Equal("gw-test", json["Telemetry"]!["ServiceName"]!.GetValue<string>());
        Assert.Equal(A.Url, json["ReverseProxy"]!["Clusters"]!["web"]!["Destinations"]!["a"]!["Address"]!.GetValue<string>());
    }

    [Fact]
    public async Task Validate_ValidConfig_200()
    {
        await using var gateway = GatewayHost.Start(TestConfig.Gateway([A]));

        var response = await gateway.Client.PostAsync("/admin/config/validate", Json(TestConfig.Gateway([A, B])));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(JsonNode.Parse(await response.Content.ReadAsStringAsync())!["valid"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Validate_SeveralErrors_422ListsEveryOneWithPath()
    {
        await using var gateway = GatewayHost.Start(TestConfig.Gateway([A]));
        var candidate = BrokenConfig();

        var response = await gateway.Client.PostAsync("/admin/config/validate", Json(candidate));

        var problem = await Problem.AssertAsync(response, HttpStatusCode.UnprocessableEntity);
        var errors = problem["errors"]!.AsArray().Select(e => (Path: e!["path"]!.GetValue<string>(), Message: e["message"]!.GetValue<string>())).ToList();
        Assert.Contains(errors, e => e.Path == "Admin:ApiKey" && e.Message.Contains("non-loopback"));
        Assert.Contains(errors, e => e.Path == "Telemetry:TraceSampleRatio" && e.Message.Contains("outside 0–1"));
        Assert.Contains(errors, e => e.Path.StartsWith("ReverseProxy:Routes:all", StringComparison.Ordinal));
        Assert.True(errors.Count >= 3, string.Join("\n", errors));
    }

    [Fact]
    public async Task Validate_NotJson_422()
    {
        await using var gateway = GatewayHost.Start(TestConfig.Gateway([A]));

        var response = await gateway.Client.PostAsync("/admin/config/validate", new StringContent("{ \"ReverseProxy\": ", Encoding.UTF8, "application/json"));

        var problem = await Problem.AssertAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.NotEmpty(problem["errors"]!.AsArray());
    }

    [Fact]
    public async Task Put_NoCredentials_401AndNothingChanged()
    {
        await using var gateway = GatewayHost.Start(TestConfig.Gateway([A]));
        var before = await File.ReadAllTextAsync(gateway.ConfigPath);

        var response = await gateway.Client.PutAsync("/admin/config", Json(TestConfig.Gateway([B])));

        await Problem.AssertAsync(response, HttpStatusCode.Unauthorized);
        Assert.Equal(before, await File.ReadAllTextAsync(gateway.ConfigPath));
    }

    [Fact]
    public async Task Put_ValidConfig_WrittenAndApplied()
    {
        await using var gateway = GatewayHost.Start(TestConfig.Gateway([A]));
        Assert.Equal("a", await gateway.Client.GetStringAsync("/hello"));
        var generation = gateway.Config.Generation;
        var candidate = TestConfig.Gateway([B]).ToJsonString();

        var response = await gateway.Admin.PutAsync("/admin/config", new StringContent(candidate, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(generation + 1, JsonNode.Parse(await response.Content.ReadAsStringAsync())!["generation"]!.GetValue<long>());
        Assert.Equal(candidate, await File.ReadAllTextAsync(gateway.ConfigPath));
        Assert.Equal("b", await gateway.Client.GetStringAsync("/hello"));
    }

    [Fact]
    public async Task Put_InvalidConfig_422AndFileAndRoutesUnchanged()
    {
        await using var gateway = GatewayHost.Start(TestConfig.Gateway([A]));
        var before = await File.ReadAllTextAsync(gateway.ConfigPath);
        var generation = gateway.Config.Generation;

        var response = await gateway.Admin.PutAsync("/admin/config", Json(BrokenConfig()));

        var problem = await Problem.AssertAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.True(problem["errors"]!.AsArray().Count >= 3);
        Assert.Equal(before, await File.ReadAllTextAsync(gateway.ConfigPath));
        Assert.Equal(generation, gateway.Config.Generation);
        Assert.Equal("a", await gateway.Client.GetStringAsync("/hello"));
    }

    [Fact]
    public async Task Put_WriteFails_500AndOldFileAndRoutesKept()
    {
        await using var gateway = GatewayHost.Start(TestConfig.Gateway([A]),
            services => services.Replace(ServiceDescriptor.Singleton<IConfigFileWriter, FailingWriter>()));
        var before = await File.ReadAllTextAsync(gateway.ConfigPath);
        var generation = gateway.Config.Generation;

        var response = await gateway.Admin.PutAsync("/admin/config", Json(TestConfig.Gateway([B])));

        var problem = await Problem.AssertAsync(response, HttpStatusCode.InternalServerError);
        Assert.Contains("disk full", problem["errors"]!.ToJsonString());
        Assert.Equal(before, await File.ReadAllTextAsync(gateway.ConfigPath));
        Assert.Equal(generation, gateway.Config.Generation);
        Assert.Equal("a", await gateway.Client.GetStringAsync("/hello"));
        var status = JsonNode.Parse(await gateway.Client.GetStringAsync("/admin/status"))!;
        Assert.Equal(A.Url, status["clusters"]![0]!["destinations"]![0]!["address"]!.GetValue<string>());
    }

    [Fact]
    public async Task Put_RedactedConfigPostedBack_422NamesSecretAndNothingChanged()
    {
        await using var gateway = GatewayHost.Start(TestConfig.Gateway([A]));
        var before = await File.ReadAllTextAsync(gateway.ConfigPath);
        var redacted = await gateway.Client.GetStringAsync("/admin/config");

        var response = await gateway.Admin.PutAsync("/admin/config", new StringContent(redacted, Encoding.UTF8, "application/json"));

        var problem = await Problem.AssertAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.Contains(problem["errors"]!.AsArray(), e => e!["path"]!.GetValue<string>() == "Admin:ApiKey"
            && e["message"]!.GetValue<string>().Contains("redaction placeholder"));
        Assert.Equal(before, await File.ReadAllTextAsync(gateway.ConfigPath));
    }

    [Fact]
    public async Task Put_TooLarge_413()
    {
        await using var gateway = GatewayHost.Start(TestConfig.Gateway([A]));

        var response = await gateway.Admin.PutAsync("/admin/config",
            new StringContent("{\"x\":\"" + new string('a', 1024 * 1024 + 1) + "\"}", Encoding.UTF8, "application/json"));

        await Problem.AssertAsync(response, HttpStatusCode.RequestEntityTooLarge);
    }

    /// <summary>Three independent errors in three sections.</summary>
    private JsonObject BrokenConfig()
    {
        var candidate = TestConfig.Gateway([A], new JsonObject { ["Urls"] = "http://0.0.0.0:9901" });
        candidate["Telemetry"] = new JsonObject { ["TraceSampleRatio"] = 2.5 };
        candidate["ReverseProxy"]!["Routes"]!["all"]!["Match"] = new JsonObject { ["Methods"] = new JsonArray("GET", "GET") };
        return candidate;
    }

    private static StringContent Json(JsonObject json) => new(json.ToJsonString(), Encoding.UTF8, "application/json");

    /// <summary>The write seam failing as a full disk would.</summary>
    private sealed class FailingWriter : IConfigFileWriter
    {
        public Task WriteAtomicallyAsync(string path, string contents, CancellationToken cancellationToken) =>
            throw new IOException("No space left on device (disk full)");
    }
}
