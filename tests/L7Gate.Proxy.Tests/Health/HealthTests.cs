using System.Net;
using L7Gate.Proxy.Health;
using L7Gate.Proxy.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Yarp.ReverseProxy;
using Yarp.ReverseProxy.Model;

namespace L7Gate.Proxy.Tests.Health;

/// <summary>Active health probes, the no-panic availability policy, the 503 answer and admin states, end to end.</summary>
public sealed class HealthTests : IAsyncLifetime
{
    private const string ActiveProbes = """
        "HealthCheck": { "Active": { "Enabled": true, "Interval": "00:00:00.100", "Timeout": "00:00:01", "Policy": "ConsecutiveFailures", "Path": "/health" } },
        "Metadata": { "ConsecutiveFailuresHealthPolicy.Threshold": "1" },
        """;

    private TestBackend _a = null!;
    private TestBackend _b = null!;

    public async Task InitializeAsync()
    {
        _a = await TestBackend.StartAsync("a");
        _b = await TestBackend.StartAsync("b");
    }

    public async Task DisposeAsync()
    {
        await _a.DisposeAsync();
        await _b.DisposeAsync();
    }

    [Fact]
    public async Task Probe_DestinationTurnsUnhealthyThenHealthy_EjectedThenReturned()
    {
        await using var gateway = await GatewayHost.StartAsync(GatewayConfigs.SingleCluster([_a, _b], ActiveProbes, "RoundRobin"));

        _a.Healthy = false;
        await WaitForHealthAsync(gateway, "a", DestinationHealth.Unhealthy);
        _a.ResetCount();
        await AssertAllOkAsync(gateway, 20);
        Assert.Equal(0, _a.Requests);
        Assert.Equal(20, _b.Requests);

        _a.Healthy = true;
        await WaitForHealthAsync(gateway, "a", DestinationHealth.Healthy);
        await AssertAllOkAsync(gateway, 20);
        Assert.InRange(_a.Requests, 5, 15);
    }

    [Fact]
    public async Task Send_NoDestinationAvailable_503ProblemNamingClusterAndCounted()
    {
        await using var gateway = await GatewayHost.StartAsync(GatewayConfigs.SingleCluster([_a], ActiveProbes));
        using var metrics = new MetricRecorder(gateway.Services);

        _a.Healthy = false;
        await WaitForHealthAsync(gateway, "a", DestinationHealth.Unhealthy);
        _a.ResetCount();
        using var response = await gateway.Client.GetAsync("/anything");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Cluster 'c' has no available destination", await response.Content.ReadAsStringAsync());
        Assert.Equal(0, _a.Requests);
        Assert.Equal(1, metrics.Sum("l7gate.proxy.unavailable", "cluster", "c"));
    }

    [Fact]
    public async Task Drain_Destination_GetsNoNewRequestsUntilEnabled()
    {
        await using var gateway = await GatewayHost.StartAsync(GatewayConfigs.SingleCluster([_a, _b], loadBalancing: "RoundRobin"));
        var states = gateway.Services.GetRequiredService<IDestinationAdminStates>();
        await AssertAllOkAsync(gateway, 2);

        states.Set("c", "a", DestinationAdminState.Draining);
        _a.ResetCount();
        await AssertAllOkAsync(gateway, 10);
        Assert.Equal(0, _a.Requests);
        Assert.Equal(DestinationAdminState.Draining, states.Get("C", "A"));

        states.Set("c", "a", DestinationAdminState.Active);
        await AssertAllOkAsync(gateway, 10);
        Assert.Equal(5, _a.Requests);
        Assert.Empty(states.Snapshot());
    }

    [Fact]
    public async Task Disable_EveryDestination_503RatherThanPanicRouting()
    {
        await using var gateway = await GatewayHost.StartAsync(GatewayConfigs.SingleCluster([_a, _b]));
        var states = gateway.Services.GetRequiredService<IDestinationAdminStates>();

        states.Set("c", "a", DestinationAdminState.Disabled);
        states.Set("c", "b", DestinationAdminState.Draining);
        using var response = await gateway.Client.GetAsync("/x");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(0, _a.Requests + _b.Requests);
    }

    [Fact]
    public async Task AdminState_ConfigReloaded_StateSurvives()
    {
        await using var gateway = await GatewayHost.StartAsync(GatewayConfigs.SingleCluster([_a, _b], loadBalancing: "RoundRobin"));
        var states = gateway.Services.GetRequiredService<IDestinationAdminStates>();
        states.Set("c", "a", DestinationAdminState.Disabled);
        var generation = gateway.Config.Generation;

        // A real change to the cluster (new policy) makes YARP rebuild the cluster's destinations.
        await gateway.WriteConfigAsync(GatewayConfigs.SingleCluster([_a, _b], loadBalancing: "PowerOfTwoChoices"));
        await Eventually.TrueAsync(() => gateway.Config.Generation > generation, "the rewritten config is applied");
        _a.ResetCount();
        await AssertAllOkAsync(gateway, 10);

        Assert.Equal(0, _a.Requests);
        Assert.Equal(DestinationAdminState.Disabled, Assert.Single(states.Snapshot()).Value);
    }

    private static async Task AssertAllOkAsync(GatewayHost gateway, int count)
    {
        for (var i = 0; i < count; i++)
        {
            using var response = await gateway.Client.GetAsync($"/r/{i}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }

    private static Task WaitForHealthAsync(GatewayHost gateway, string destinationId, DestinationHealth health)
    {
        var lookup = gateway.Services.GetRequiredService<IProxyStateLookup>();
        return Eventually.TrueAsync(
            () => lookup.TryGetCluster("c", out var cluster) && cluster.Destinations[destinationId].Health.Active == health,
            $"destination {destinationId} is {health}");
    }
}
