using System.Net;
using System.Text.Json.Nodes;
using L7Gate.Admin.Tests.Infrastructure;

namespace L7Gate.Admin.Tests.Telemetry;

[Collection(MetricsCollection.Name)]
public class MetricsEndpointTests : BackendPairTests
{
    [Fact]
    public async Task Metrics_AfterProxiedRequests_DocumentedInstrumentsPresent()
    {
        var config = TestConfig.Gateway([A, B]);
        config["ReverseProxy"]!["Clusters"]!["web"]!["HealthCheck"] = new JsonObject
        {
            ["Active"] = new JsonObject { ["Enabled"] = true, ["Interval"] = "00:00:00.200", ["Path"] = "/health" },
        };
        await using var gateway = GatewayHost.Start(config);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await gateway.Client.GetAsync("/page")).StatusCode);
        }

        await gateway.Admin.PostAsync("/admin/clusters/web/destinations/b/drain", null);
        var metrics = await Eventually.GetAsync(
            () => gateway.Client.GetStringAsync("/metrics"),
            text => PrometheusText.Value(text, "l7gate_proxy_destination_health", "destination=a", "check=active") == 1,
            "active health probes to report");

        Assert.Equal(3, PrometheusText.Value(metrics, "l7gate_proxy_requests_total", "route=all", "cluster=web", "status_code=200"));
        Assert.Equal(3, PrometheusText.Value(metrics, "l7gate_proxy_request_duration_seconds_count", "route=all", "cluster=web", "status_code=200"));
        Assert.NotNull(PrometheusText.Value(metrics, "l7gate_proxy_request_duration_seconds_bucket", "route=all", "le=+Inf"));
        Assert.Equal(-1, PrometheusText.Value(metrics, "l7gate_proxy_destination_health", "cluster=web", "destination=a", "check=passive"));
        Assert.Equal(0, PrometheusText.Value(metrics, "l7gate_proxy_destination_admin_state", "cluster=web", "destination=a"));
        Assert.Equal(1, PrometheusText.Value(metrics, "l7gate_proxy_destination_admin_state", "cluster=web", "destination=b"));
        Assert.Equal(1, PrometheusText.Value(metrics, "l7gate_config_generation"));
        Assert.Contains("target_info{", metrics);
        Assert.Contains("service_name=\"l7gate\"", metrics);
    }

    [Fact]
    public async Task Metrics_ServiceNameConfigured_CarriedInTargetInfo()
    {
        var config = TestConfig.Gateway([A]);
        config["Telemetry"] = new JsonObject { ["ServiceName"] = "edge-gw" };
        await using var gateway = GatewayHost.Start(config);

        var metrics = await gateway.Client.GetStringAsync("/metrics");

        Assert.Contains("service_name=\"edge-gw\"", metrics);
    }

    [Fact]
    public async Task Metrics_PrometheusDisabled_NoScrapeEndpoint()
    {
        var config = TestConfig.Gateway([A]);
        config["Telemetry"] = new JsonObject { ["Prometheus"] = false };
        await using var gateway = GatewayHost.Start(config);

        var body = await gateway.Client.GetStringAsync("/metrics");

        // In memory the proxy's catch-all route answers instead: the backend's name, no exposition format.
        Assert.Equal("a", body);
    }

    [Fact]
    public async Task Stats_AfterProxiedRequests_CountedForCluster()
    {
        await using var gateway = GatewayHost.Start(TestConfig.Gateway([A]));
        for (var i = 0; i < 4; i++)
        {
            await gateway.Client.GetAsync("/page");
        }

        var stats = JsonNode.Parse(await gateway.Client.GetStringAsync("/admin/stats"))!;

        Assert.Equal(5, stats["bucketSeconds"]!.GetValue<int>());
        var web = stats["clusters"]!["web"]!.AsArray().Select(n => n!.GetValue<long>()).ToList();
        Assert.Equal(120, web.Count);
        Assert.Equal(4, web.Sum());
    }

    [Fact]
    public async Task Metrics_Default_NoFrameworkInstruments()
    {
        await using var gateway = GatewayHost.Start(TestConfig.Gateway([A]));
        await gateway.Client.GetAsync("/page");

        var metrics = await gateway.Client.GetStringAsync("/metrics");

        Assert.Equal(1, PrometheusText.Value(metrics, "l7gate_proxy_requests_total", "route=all", "cluster=web", "status_code=200"));
        Assert.DoesNotContain("http_server_request_duration", metrics, StringComparison.Ordinal);
        Assert.DoesNotContain("http_client_request_duration", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_FrameworkMetricsOn_AspNetCoreAndHttpClientInstrumentsToo()
    {
        var config = TestConfig.Gateway([A]);
        config["Telemetry"] = new JsonObject { ["FrameworkMetrics"] = true };
        await using var gateway = GatewayHost.Start(config);
        await gateway.Client.GetAsync("/page");

        var metrics = await Eventually.GetAsync(
            () => gateway.Client.GetStringAsync("/metrics"),
            text => text.Contains("http_client_request_duration_seconds_count", StringComparison.Ordinal),
            "HttpClient's instrument to record YARP's request to the backend");

        Assert.Contains("http_server_request_duration_seconds_count", metrics, StringComparison.Ordinal);
    }
}
