using System.Net;
using System.Text.Json.Nodes;
using L7Gate.Admin.Health;
using L7Gate.Admin.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace L7Gate.Admin.Tests.Admin;

public class HealthEndpointTests : IAsyncLifetime
{
    private TestBackend _a = null!;

    public async Task InitializeAsync() => _a = await TestBackend.StartAsync("a");

    public async Task DisposeAsync() => await _a.DisposeAsync();

    [Fact]
    public async Task Healthz_Running_200()
    {
        await using var gateway = GatewayHost.Start(TestConfig.Gateway([_a]));

        var response = await gateway.Client.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("alive", JsonNode.Parse(await response.Content.ReadAsStringAsync())!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Readyz_Started_200()
    {
        await using var gateway = GatewayHost.Start(TestConfig.Gateway([_a]));

        var response = await gateway.Client.GetAsync("/readyz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Readyz_Stopping_503WithReason()
    {
        await using var gateway = GatewayHost.Start(TestConfig.Gateway([_a]));
        await gateway.Client.GetAsync("/healthz");
        var readiness = gateway.Services.GetRequiredService<AdminReadiness>();

        gateway.Services.GetRequiredService<IHostApplicationLifetime>().StopApplication();

        Assert.Contains(readiness.NotReadyReasons(), r => r.Contains("stopping"));
    }
}
