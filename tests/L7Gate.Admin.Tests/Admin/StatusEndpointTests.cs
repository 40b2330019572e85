using System.Net;
using System.Text.Json.Nodes;
using L7Gate.Admin.Tests.Infrastructure;

namespace L7Gate.Admin.Tests.Admin;

public class StatusEndpointTests : BackendPairTests
{
    [Fact]
    public async Task Status_RunningGateway_NodeConfigRoutesClustersDestinations()
    {
        var config = TestConfig.Gateway([A, B], new JsonObject { ["ApiKey"] = TestConfig.ApiKey, ["NodeName"] = "gw-1" });
        config["ReverseProxy"]!["Routes"]!["zh"] = new JsonObject
        {
            ["ClusterId"] = "web",
            ["Order"] = -1,
            ["Match"] = new JsonObject { ["Path"] = "/{**catch-all}", ["Languages"] = new JsonArray("zh-CN", "zh") },
        };
        await using var gateway = GatewayHost.Start(config);

        var status = JsonNode.Parse(await gateway.Client.GetStringAsync("/admin/status"))!;

        Assert.Equal("gw-1", status["node"]!["name"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(status["node"]!["version"]!.GetValue<string>()));
        Assert.True(status["node"]!["uptimeSeconds"]!.GetValue<double>() >= 0);
        Assert.Equal(gateway.ConfigPath, status["config"]!["path"]!.GetValue<string>());
        Assert.Equal(1, status["config"]!["generation"]!.GetValue<long>());
        Assert.Empty(status["config"]!["lastErrors"]!.AsArray());

        var routes = status["routes"]!.AsArray();
        Assert.Equal(["all", "zh"], routes.Select(r => r!["routeId"]!.GetValue<string>()));
        Assert.Equal(["zh-CN", "zh"], routes[1]!["languages"]!.AsArray().Select(l => l!.GetValue<string>()));

        var cluster = Assert.Single(status["clusters"]!.AsArray())!;
        Assert.Equal("web", cluster["clusterId"]!.GetValue<string>());
        Assert.Equal(2, cluster["availableDestinations"]!.GetValue<int>());
        var destinations = cluster["destinations"]!.AsArray();
        Assert.Equal(["a", "b"], destinations.Select(d => d!["destinationId"]!.GetValue<string>()));
        Assert.Equal(A.Url, destinations[0]!["address"]!.GetValue<string>());
        Assert.Equal("Unknown", destinations[0]!["activeHealth"]!.GetValue<string>());
        Assert.Equal("Unknown", destinations[0]!["passiveHealth"]!.GetValue<string>());
        Assert.Equal("Active", destinations[0]!["adminState"]!.GetValue<string>());
        Assert.True(destinations[0]!["available"]!.GetValue<bool>());
        Assert.Equal(0, destinations[0]!["inFlight"]!.GetValue<int>());

        // No Failover section: the engine is not registered and the list is empty, not an error.
        Assert.Empty(status["failover"]!.AsArray());
    }

    [Fact]
    public async Task Status_ActiveHealthCheckFails_DestinationUnhealthyAndUnavailable()
    {
        A.Healthy = false;
        var config = TestConfig.Gateway([A, B]);
        config["ReverseProxy"]!["Clusters"]!["web"]!["HealthCheck"] = new JsonObject
        {
            ["Active"] = new JsonObject { ["Enabled"] = true, ["Interval"] = "00:00:00.200", ["Timeout"] = "00:00:01", ["Path"] = "/health" },
        };
        config["ReverseProxy"]!["Clusters"]!["web"]!["Metadata"] = new JsonObject { ["ConsecutiveFailuresHealthPolicy.Threshold"] = "1" };
        await using var gateway = GatewayHost.Start(config);

        var cluster = await Eventually.GetAsync(
            async () => JsonNode.Parse(await gateway.Client.GetStringAsync("/admin/status"))!["clusters"]![0]!,
            c => c["destinations"]![0]!["activeHealth"]!.GetValue<string>() == "Unhealthy"
                && c["destinations"]![1]!["activeHealth"]!.GetValue<string>() == "Healthy",
            "a's probe to fail and b's to pass");

        Assert.Equal(1, cluster["availableDestinations"]!.GetValue<int>());
        Assert.False(cluster["destinations"]![0]!["available"]!.GetValue<bool>());
        Assert.True(cluster["destinations"]![1]!["available"]!.GetValue<bool>());
    }
}
