using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using L7Gate.Admin.Tests.Infrastructure;

namespace L7Gate.Admin.Tests.Admin;

public class AdminAuthTests : IAsyncLifetime
{
    private TestBackend _backend = null!;

    public async Task InitializeAsync() => _backend = await TestBackend.StartAsync("a", BackendBody.Name);

    public async Task DisposeAsync() => await _backend.DisposeAsync();

    [Fact]
    public async Task Drain_NoCredentials_401ProblemWithChallenge()
    {
        await using var gateway = GatewayHost.Start(TestConfig.Gateway([_backend]));

        var response = await gateway.Client.PostAsync("/admin/clusters/web/destinations/a/drain", null);

        await Problem.AssertAsync(response, HttpStatusCode.Unauthorized);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Equal("Active", await AdminStateAsync(gateway));
    }

    [Theory]
    [InlineData("Bearer", "wrong-key-wrong-key-wrong")]
    [InlineData("Bearer", TestConfig.ApiKey + "x")]
    [InlineData("Basic", TestConfig.ApiKey)]
    public async Task Drain_WrongCredentials_401Problem(string scheme, string key)
    {
        await using var gateway = GatewayHost.Start(TestConfig.Gateway([_backend]));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/admin/clusters/web/destinations/a/drain");
        request.Headers.Authorization = new AuthenticationHeaderValue(scheme, key);

        var response = await gateway.Client.SendAsync(request);

        var problem = await Problem.AssertAsync(response, HttpStatusCode.Unauthorized);
        Assert.Contains("not the configured", problem["detail"]!.GetValue<string>());
        Assert.Equal("Active", await AdminStateAsync(gateway));
    }

    [Fact]
    public async Task Drain_NoKeyConfigured_403Problem()
    {
        await using var gateway = GatewayHost.Start(TestConfig.Gateway([_backend], admin: []));

        var response = await gateway.Admin.PostAsync("/admin/clusters/web/destinations/a/drain", null);

        var problem = await Problem.AssertAsync(response, HttpStatusCode.Forbidden);
        Assert.Contains("Admin:ApiKey", problem["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task Reads_LoopbackListener_NoKeyNeeded()
    {
        await using var gateway = GatewayHost.Start(TestConfig.Gateway([_backend]));

        Assert.Equal(HttpStatusCode.OK, (await gateway.Client.GetAsync("/admin/status")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await gateway.Client.GetAsync("/admin/config")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await gateway.Client.GetAsync("/healthz")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await gateway.Client.GetAsync("/metrics")).StatusCode);
    }

    [Theory]
    [InlineData("/admin/status")]
    [InlineData("/admin/config")]
    [InlineData("/admin/stats")]
    [InlineData("/healthz")]
    [InlineData("/readyz")]
    [InlineData("/metrics")]
    public async Task Reads_NonLoopbackListener_KeyRequired(string path)
    {
        // In memory nothing is bound, so a non-loopback Admin:Urls can be tested without opening it to the network.
        var admin = new JsonObject { ["Urls"] = "http://0.0.0.0:9901", ["ApiKey"] = TestConfig.ApiKey };
        await using var gateway = GatewayHost.Start(TestConfig.Gateway([_backend], admin));

        await Problem.AssertAsync(await gateway.Client.GetAsync(path), HttpStatusCode.Unauthorized);
        Assert.Equal(HttpStatusCode.OK, (await gateway.Admin.GetAsync(path)).StatusCode);
    }

    [Fact]
    public async Task Dashboard_NonLoopbackListener_PageServedWithoutKey()
    {
        var admin = new JsonObject { ["Urls"] = "http://0.0.0.0:9901", ["ApiKey"] = TestConfig.ApiKey };
        await using var gateway = GatewayHost.Start(TestConfig.Gateway([_backend], admin));

        var page = await gateway.Client.GetAsync("/admin/");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("API key", await page.Content.ReadAsStringAsync());
    }

    private static async Task<string> AdminStateAsync(GatewayHost gateway)
    {
        var status = JsonNode.Parse(await gateway.Client.GetStringAsync("/admin/status"))!;
        return status["clusters"]![0]!["destinations"]![0]!["adminState"]!.GetValue<string>();
    }
}
