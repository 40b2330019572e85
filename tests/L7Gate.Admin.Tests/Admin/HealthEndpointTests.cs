using System.Net;
using System.Text.Json.Nodes;
using L7Gate.Admin.Health;
using L7Gate.Admin.Tests.Infrastructure;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging.Abstractions;

namespace L7Gate.Admin.Tests.Admin;

public class HealthEndpointTests : BackendTests
{
    [Fact]
    public async Task Healthz_Running_200()
    {
        await using var gateway = GatewayHost.Start(TestConfig.Gateway([A]));

        var response = await gateway.Client.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("alive", JsonNode.Parse(await response.Content.ReadAsStringAsync())!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Readyz_Started_200()
    {
        await using var gateway = GatewayHost.Start(TestConfig.Gateway([A]));

        var response = await gateway.Client.GetAsync("/readyz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Readiness_HostStopping_NotReadyWithReason()
    {
        await using var gateway = GatewayHost.Start(TestConfig.Gateway([A]));
        await gateway.Client.GetAsync("/healthz");
        // A lifetime of its own: stopping the factory's host would dispose the services under the assertion.
        var lifetime = new ApplicationLifetime(NullLogger<ApplicationLifetime>.Instance);
        var readiness = new AdminReadiness(gateway.Services, lifetime);
        lifetime.NotifyStarted();
        Assert.Empty(readiness.NotReadyReasons());

        lifetime.StopApplication();

        Assert.Contains(readiness.NotReadyReasons(), r => r.Contains("stopping"));
    }

    [Fact]
    public async Task Readiness_HostNotStarted_NotReadyWithReason()
    {
        await using var gateway = GatewayHost.Start(TestConfig.Gateway([A]));
        await gateway.Client.GetAsync("/healthz");

        var readiness = new AdminReadiness(gateway.Services, new ApplicationLifetime(NullLogger<ApplicationLifetime>.Instance));

        Assert.Contains(readiness.NotReadyReasons(), r => r.Contains("starting"));
    }
}
