using System.Net.Http.Headers;
using L7Gate.Admin.Tests.Infrastructure;

namespace L7Gate.Admin.Tests.Telemetry;

public class TracePropagationTests : BackendTests
{
    [Fact]
    public async Task Proxy_ClientSendsTraceparent_BackendGetsSameTraceWithGatewaySpan()
    {
        var config = TestConfig.Gateway([A]);
        config["Telemetry"] = new System.Text.Json.Nodes.JsonObject { ["Tracing"] = "Enabled" };
        await using var gateway = GatewayHost.Start(config);
        const string traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        const string clientSpan = "00f067aa0ba902b7";
        using var request = new HttpRequestMessage(HttpMethod.Get, "/traced");
        request.Headers.TryAddWithoutValidation("traceparent", $"00-{traceId}-{clientSpan}-01");

        await gateway.Client.SendAsync(request);

        var forwarded = A.LastTraceParent;
        Assert.NotNull(forwarded);
        var parts = forwarded.Split('-');
        Assert.Equal(traceId, parts[1]);
        // The gateway's own span (server span, then the forward's client span) is the backend's parent.
        Assert.NotEqual(clientSpan, parts[2]);
    }

    [Fact]
    public async Task Proxy_TracingAutoWithoutOtlp_BackendStaysInClientTrace()
    {
        await using var gateway = GatewayHost.Start(TestConfig.Gateway([A]));
        const string traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        using var request = new HttpRequestMessage(HttpMethod.Get, "/traced");
        request.Headers.TryAddWithoutValidation("traceparent", traceparent);

        await gateway.Client.SendAsync(request);

        // No exporter, so no spans are recorded, yet the backend's request still belongs to the caller's trace.
        Assert.NotNull(A.LastTraceParent);
        Assert.Equal(traceparent.Split('-')[1], A.LastTraceParent.Split('-')[1]);
    }

    [Fact]
    public async Task Proxy_DefaultConfigNoTraceparent_GatewayStartsNoActivityForTheRequest()
    {
        await using var gateway = GatewayHost.Start(TestConfig.Gateway([A]));

        var response = await gateway.Client.GetAsync("/untraced");

        // An Activity for the request would have made HttpClient inject its own traceparent towards the backend.
        Assert.Equal("a", await response.Content.ReadAsStringAsync());
        Assert.Null(A.LastTraceParent);
    }

    [Fact]
    public async Task Proxy_HostingDiagnosticsLogConfigured_RequestActivityIsBack()
    {
        var config = TestConfig.Gateway([A]);
        config["Logging"] = new System.Text.Json.Nodes.JsonObject
        {
            ["LogLevel"] = new System.Text.Json.Nodes.JsonObject { ["Microsoft.AspNetCore.Hosting.Diagnostics"] = "Information" },
        };
        await using var gateway = GatewayHost.Start(config);

        await gateway.Client.GetAsync("/untraced");

        // The operator asked for ASP.NET Core's per-request log lines, so the category is left on, with the
        // Activity it brings: HttpClient then propagates a trace the gateway started.
        Assert.NotNull(A.LastTraceParent);
    }
}
