using System.Net;
using L7Gate.Proxy.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Yarp.ReverseProxy;
using Yarp.ReverseProxy.Model;

namespace L7Gate.Proxy.Tests.Health;

/// <summary>Passive health sees every attempt of the retry step, so a dead destination stops costing retries.</summary>
public sealed class PassiveHealthTests
{
    [Fact]
    public async Task Passive_DestinationRefusesConnections_MarkedUnhealthyThenSkippedWithoutRetries()
    {
        await using var a = await TestBackend.StartAsync("a");
        await using var b = await TestBackend.StartAsync("b");
        await a.StopAsync();
        await using var gateway = await GatewayHost.StartAsync(GatewayConfigs.SingleCluster([a, b], """
            "HealthCheck": { "Passive": { "Enabled": true, "Policy": "TransportFailureRate", "ReactivationPeriod": "00:05:00" } },
            "Metadata": { "TransportFailureRateHealthPolicy.RateLimit": "0.5" },
            """));
        using var metrics = new MetricRecorder(gateway.Services);
        var lookup = gateway.Services.GetRequiredService<IProxyStateLookup>();

        for (var i = 0; i < 30; i++)
        {
            using var response = await gateway.Client.GetAsync($"/p/{i}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        Assert.True(lookup.TryGetCluster("c", out var cluster));
        Assert.Equal(DestinationHealth.Unhealthy, cluster.Destinations["a"].Health.Passive);
        var retries = metrics.Sum("l7gate.proxy.retries");
        Assert.InRange(retries, 1, 29);

        using var after = await gateway.Client.GetAsync("/p/after");
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.Equal(retries, metrics.Sum("l7gate.proxy.retries"));
    }
}
