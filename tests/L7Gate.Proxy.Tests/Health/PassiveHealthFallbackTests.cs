using System.Net;
using L7Gate.Proxy.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Yarp.ReverseProxy;
using Yarp.ReverseProxy.Model;

namespace L7Gate.Proxy.Tests.Health;

/// <summary>
/// One client hammering a broken path (hanging or resetting) must not take the cluster offline for everyone: the
/// shipped examples' cluster shape (two destinations, retries, active and passive health, an activity timeout).
/// </summary>
public sealed class PassiveHealthFallbackTests
{
    private static readonly TimeSpan ReactivationPeriod = TimeSpan.FromSeconds(5);

    private const string ExampleShape = """
        "Retry": { "MaxAttempts": 3, "OnStatusCodes": [ 502, 503, 504 ] },
        "HttpRequest": { "ActivityTimeout": "00:00:01" },
        "HealthCheck": {
          "Active": { "Enabled": true, "Interval": "00:00:00.500", "Timeout": "00:00:01", "Policy": "ConsecutiveFailures", "Path": "/health" },
          "Passive": { "Enabled": true, "Policy": "TransportFailureRate", "ReactivationPeriod": "00:00:05" }
        },
        "Metadata": { "ConsecutiveFailuresHealthPolicy.Threshold": "2", "L7Gate.ConnectTimeout": "00:00:02" },
        """;

    [Theory]
    [InlineData(BackendBehavior.Hang, 20)]
    [InlineData(BackendBehavior.Reset, 50)]
    public async Task Burst_BrokenPathWhileProbesPass_OtherClientsKeepGetting200AndEjectionEndsAfterReactivationPeriod(BackendBehavior broken, int burst)
    {
        await using var a = await TestBackend.StartAsync("a");
        await using var b = await TestBackend.StartAsync("b");
        a.PathBehaviors["/broken"] = broken;
        b.PathBehaviors["/broken"] = broken;
        await using var gateway = await GatewayHost.StartAsync(GatewayConfigs.SingleCluster([a, b], ExampleShape, "RoundRobin"));
        var lookup = gateway.Services.GetRequiredService<IProxyStateLookup>();
        await Eventually.TrueAsync(() => Health(lookup, "a").Active == DestinationHealth.Healthy && Health(lookup, "b").Active == DestinationHealth.Healthy,
            "both destinations pass their active probes");

        var attacks = Enumerable.Range(0, burst).Select(async i =>
        {
            using var response = await gateway.Client.GetAsync($"/broken?i={i}");
            return response.StatusCode;
        });
        var statuses = await Task.WhenAll(attacks);
        Assert.All(statuses, s => Assert.True((int)s >= 500, $"the broken path answered {s}"));
        Assert.True(Health(lookup, "a").Passive == DestinationHealth.Unhealthy || Health(lookup, "b").Passive == DestinationHealth.Unhealthy,
            "the burst made passive health eject a destination (the test would prove nothing otherwise)");

        for (var i = 0; i < 20; i++)
        {
            using var response = await gateway.Client.GetAsync($"/healthy-path/{i}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        Assert.Equal(DestinationHealth.Healthy, Health(lookup, "a").Active);
        Assert.Equal(DestinationHealth.Healthy, Health(lookup, "b").Active);
        await Eventually.TrueAsync(
            () => Health(lookup, "a").Passive != DestinationHealth.Unhealthy && Health(lookup, "b").Passive != DestinationHealth.Unhealthy,
            $"passive health reactivates both destinations after the configured {ReactivationPeriod.TotalSeconds:0} s (not YARP's 60 s window)",
            TimeSpan.FromSeconds(20));

        using var after = await gateway.Client.GetAsync("/healthy-path/after");
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    private static DestinationHealthState Health(IProxyStateLookup lookup, string destination) =>
        lookup.TryGetCluster("c", out var cluster) ? cluster.Destinations[destination].Health : throw new InvalidOperationException("no cluster c");
}
