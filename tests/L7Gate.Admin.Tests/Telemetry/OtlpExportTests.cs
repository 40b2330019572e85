using System.Net;
using System.Text.Json.Nodes;
using L7Gate.Admin.Tests.Infrastructure;

namespace L7Gate.Admin.Tests.Telemetry;

/// <summary>OTLP export as an operator turns it on: the standard environment variables on a real L7Gate process.</summary>
public class OtlpExportTests : BackendTests
{
    private FakeOtlpCollector _collector = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _collector = await FakeOtlpCollector.StartAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _collector.DisposeAsync();
    }

    [Fact]
    public async Task Export_OtlpEndpointSet_TracesAndMetricsOfProxiedRequestsArrive()
    {
        var config = TestConfig.Gateway([A]);
        config["Telemetry"] = new JsonObject { ["ServiceName"] = "gw-otlp-test" };
        await using var gateway = GatewayProcess.Start(config, new Dictionary<string, string>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = _collector.Url,
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_METRIC_EXPORT_INTERVAL"] = "500",
            ["OTEL_BSP_SCHEDULE_DELAY"] = "200",
        });
        await gateway.WaitReadyAsync();
        using var proxy = gateway.ProxyClient();

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await proxy.GetAsync("/traced")).StatusCode);
        }

        await Eventually.GetAsync(
            () => Task.FromResult(_collector.Received("/v1/metrics", "gw-otlp-test", "l7gate.proxy.requests", "l7gate.proxy.request.duration", "l7gate.proxy.destination.health")),
            received => received, "L7Gate's metrics over OTLP (" + _collector.Summary + ")");
        // One trace per proxied request: the server span of the gateway and the client span of YARP's forward.
        await Eventually.GetAsync(
            () => Task.FromResult(_collector.Received("/v1/traces", "gw-otlp-test", "Microsoft.AspNetCore", "System.Net.Http", "/traced")),
            received => received, "server and backend-client spans over OTLP (" + _collector.Summary + ")");
    }

    [Fact]
    public async Task Export_OtlpDisabledInConfig_NothingSent()
    {
        var config = TestConfig.Gateway([A]);
        config["Telemetry"] = new JsonObject { ["Otlp"] = "Disabled" };
        await using var gateway = GatewayProcess.Start(config, new Dictionary<string, string>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = _collector.Url,
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_METRIC_EXPORT_INTERVAL"] = "200",
            ["OTEL_BSP_SCHEDULE_DELAY"] = "100",
        });
        await gateway.WaitReadyAsync();
        using var proxy = gateway.ProxyClient();
        Assert.Equal(HttpStatusCode.OK, (await proxy.GetAsync("/traced")).StatusCode);

        await Task.Delay(TimeSpan.FromSeconds(2));

        Assert.Equal(string.Empty, _collector.Summary);
    }
}
