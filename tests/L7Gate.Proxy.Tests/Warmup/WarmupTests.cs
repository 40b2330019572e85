using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace L7Gate.Proxy.Tests.Warmup;

/// <summary>
/// The start-up warm-up, in a real L7Gate process with real listeners: it runs every route kind's code, and never
/// reaches a real backend or the request metrics.
/// </summary>
public sealed partial class WarmupTests
{
    [Fact]
    public async Task Start_RoutesOfEveryKind_WarmupReachesNoBackendAndCountsNoRequest()
    {
        await using var backend = await TestBackend.StartAsync("real");
        await using var gateway = GatewayProcess.Start(Config(backend, requestsPerRoute: 5));
        await gateway.WaitReadyAsync();

        var line = await WarmupLineAsync(gateway);
        Assert.Equal(6 * 5, int.Parse(line.Groups["requests"].Value)); // six routes, five rounds
        Assert.Equal("0", line.Groups["failures"].Value); // every route's request reached the loopback sink
        Assert.Equal(0, backend.Requests);

        using var admin = gateway.AdminClient();
        var metrics = await admin.GetStringAsync("/metrics");
        Assert.DoesNotContain("l7gate_proxy_requests_total{", metrics);
        Assert.DoesNotContain("http_server_request_duration_seconds_count{", metrics);

        using var client = gateway.ProxyClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/page");
        request.Headers.Add("Accept-Language", "de");
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, backend.Requests);
        var after = await Eventually.GetAsync(() => admin.GetStringAsync("/metrics"),
            text => text.Contains("l7gate_proxy_requests_total{", StringComparison.Ordinal), "the real request to be counted");
        Assert.Matches(@"l7gate_proxy_requests_total\{[^}]*route=""lang""[^}]*\} 1", after);
    }

    [Fact]
    public async Task Request_ClientSendsWarmupHeaderWithoutTheSecret_ProxiedToTheRealBackendAndCounted()
    {
        await using var backend = await TestBackend.StartAsync("real");
        await using var gateway = GatewayProcess.Start(Config(backend, requestsPerRoute: 1));
        await gateway.WaitReadyAsync();
        await WarmupLineAsync(gateway);

        using var client = gateway.ProxyClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/page");
        request.Headers.Add("Accept-Language", "de");
        request.Headers.Add("X-L7Gate-Warmup", new string('0', 32));
        request.Headers.Add("X-L7Gate-Warmup-Sink", new string('0', 32));
        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("real GET /page", await response.Content.ReadAsStringAsync());
        Assert.Equal(1, backend.Requests);
    }

    [Fact]
    public async Task Start_WarmupDisabled_NothingSent()
    {
        await using var backend = await TestBackend.StartAsync("real");
        var config = Config(backend, requestsPerRoute: 5);
        config["Warmup"]!["Enabled"] = false;
        await using var gateway = GatewayProcess.Start(config);
        await gateway.WaitReadyAsync();

        using var client = gateway.ProxyClient();
        client.DefaultRequestHeaders.Add("Accept-Language", "de");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/page")).StatusCode);
        Assert.DoesNotMatch(WarmupLine(), gateway.Output);
        Assert.Equal(1, backend.Requests);
    }

    private static async Task<Match> WarmupLineAsync(GatewayProcess gateway)
    {
        Assert.True(await gateway.Process.WaitForOutputAsync("Warm-up: ", TimeSpan.FromSeconds(60)), $"no warm-up line:\n{gateway.Output}");
        return WarmupLine().Match(gateway.Output);
    }

    /// <summary>Six routes, one per kind: path, host, header, query, language, browser; one real cluster.</summary>
    private static JsonObject Config(TestBackend backend, int requestsPerRoute) => new()
    {
        ["Logging"] = new JsonObject { ["LogLevel"] = new JsonObject { ["Default"] = "Warning", ["L7Gate"] = "Information", ["Microsoft.Hosting.Lifetime"] = "Information" } },
        ["Warmup"] = new JsonObject { ["RequestsPerRoute"] = requestsPerRoute },
        ["ReverseProxy"] = new JsonObject
        {
            ["Routes"] = new JsonObject
            {
                ["path"] = Route(10, new JsonObject { ["Path"] = "/api/{version}/{**rest}" }),
                ["host"] = Route(20, new JsonObject { ["Path"] = "{**all}", ["Hosts"] = new JsonArray("*.example.com") }),
                ["header"] = Route(30, new JsonObject
                {
                    ["Path"] = "{**all}",
                    ["Headers"] = new JsonArray(new JsonObject { ["Name"] = "X-Canary", ["Values"] = new JsonArray("true"), ["Mode"] = "ExactHeader" }),
                }),
                ["query"] = Route(40, new JsonObject
                {
                    ["Path"] = "{**all}",
                    ["QueryParameters"] = new JsonArray(new JsonObject { ["Name"] = "beta", ["Values"] = new JsonArray("1"), ["Mode"] = "Exact" }),
                }),
                ["browser"] = Route(50, new JsonObject { ["Path"] = "{**all}", ["Browsers"] = new JsonArray("Firefox") }),
                ["lang"] = Route(60, new JsonObject { ["Path"] = "{**all}", ["Languages"] = new JsonArray("de") }),
            },
            ["Clusters"] = new JsonObject
            {
                ["real"] = new JsonObject { ["Destinations"] = new JsonObject { ["d"] = new JsonObject { ["Address"] = backend.Url } } },
            },
        },
    };

    private static JsonObject Route(int order, JsonObject match) =>
        new() { ["ClusterId"] = "real", ["Order"] = order, ["Match"] = match };

    [GeneratedRegex(@"Warm-up: (?<requests>\d+) requests over \d+ routes .* \((?<failures>\d+) not answered")]
    private static partial Regex WarmupLine();
}
