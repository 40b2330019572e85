using System.Diagnostics.Metrics;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using L7Gate.Deploy.Tests.Infrastructure;
using L7Gate.Failover.Diagnostics;
using L7Gate.TestKit;
using Microsoft.Extensions.DependencyInjection;

namespace L7Gate.Deploy.Tests.Docker;

/// <summary>
/// docker/grafana/l7gate.json queries only metrics L7Gate exposes: a real gateway process is driven through
/// requests, retries, a 503 for a cluster with no available destination and a failed reload, then its
/// <c>/metrics</c> is scraped and every <c>l7gate_*</c> name in the dashboard's queries must be in it.
/// </summary>
public sealed partial class GrafanaDashboardTests
{
    private const string ApiKey = "dashboard-test-key-0123456789";

    private static readonly string DashboardPath = RepoPaths.Of("docker/grafana/l7gate.json");

    [Fact]
    public void Dashboard_Queries_CoverEveryIssueArea()
    {
        var names = QueriedMetricNames();

        Assert.Contains("l7gate_proxy_requests_total", names);
        Assert.Contains("l7gate_proxy_request_duration_seconds_bucket", names);
        Assert.Contains("l7gate_proxy_retries_total", names);
        Assert.Contains("l7gate_proxy_unavailable_total", names);
        Assert.Contains("l7gate_proxy_destination_health", names);
        Assert.Contains("l7gate_proxy_destination_admin_state", names);
        Assert.Contains("l7gate_vrrp_state", names);
        Assert.Contains("l7gate_vrrp_transitions_total", names);
        Assert.Contains("l7gate_config_generation", names);
        Assert.Contains("l7gate_config_reload_failures_total", names);
    }

    [Fact]
    public async Task Dashboard_EveryProxyAndConfigMetricQueried_IsExposedByMetricsEndpoint()
    {
        var adminPort = FreePort.Next();
        var config = JsonNode.Parse($$"""
            { "Admin": { "Urls": "http://127.0.0.1:{{adminPort}}", "ApiKey": "{{ApiKey}}" },
              "ReverseProxy": {
                "Routes": {
                  "dead": { "ClusterId": "dead", "Match": { "Path": "/dead/{**rest}" } },
                  "all": { "ClusterId": "web", "Order": 10, "Match": { "Path": "{**rest}" } } },
                "Clusters": {
                  "web": { "LoadBalancingPolicy": "RoundRobin", "Destinations": {
                    "refused": { "Address": "http://127.0.0.1:9" },
                    "admin": { "Address": "http://127.0.0.1:{{adminPort}}" } } },
                  "dead": { "Destinations": { "gone": { "Address": "http://127.0.0.1:9" } } } } } }
            """)!.AsObject();
        await using var gateway = GatewayProcess.Start(config);
        await gateway.WaitReadyAsync();
        using var proxy = gateway.ProxyClient();

        // Requests (and retries: round robin sends some to the refusing destination first).
        for (var i = 0; i < 6; i++)
        {
            await proxy.GetAsync("/healthz");
        }

        // 503 once the only destination of "dead" is disabled through the admin API.
        using var admin = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{adminPort}") };
        admin.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", ApiKey);
        var disabled = await admin.PostAsync("/admin/clusters/dead/destinations/gone/disable", null);
        Assert.True(disabled.IsSuccessStatusCode, $"disable: {(int)disabled.StatusCode}");
        await Eventually.TrueAsync(
            async () => (int)(await proxy.GetAsync("/dead/x")).StatusCode == 503, "the dead cluster to answer 503");

        // A failed reload.
        await File.WriteAllTextAsync(gateway.ConfigPath, "{ not json");

        var wanted = QueriedMetricNames().Where(static n => !n.StartsWith("l7gate_vrrp_", StringComparison.Ordinal)).ToArray();
        var exposed = await Eventually.GetAsync(
            async () => ExposedNames(await admin.GetStringAsync("/metrics")),
            names => wanted.All(names.Contains),
            "every queried proxy/config metric to be exposed");

        Assert.All(wanted, name => Assert.Contains(name, exposed));
    }

    [Fact]
    public void Dashboard_EveryVrrpMetricQueried_IsAFailoverInstrument()
    {
        // VRRP series need a running VRRP instance (raw sockets, a namespace lab): the names are checked
        // against the instruments FailoverMetrics publishes, in the Prometheus exporter's naming.
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var factory = services.GetRequiredService<IMeterFactory>();
        var instruments = new HashSet<string>(StringComparer.Ordinal);
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, _) =>
        {
            if (instrument.Meter.Name == FailoverActivitySource.Name)
            {
                var name = instrument.Name.Replace('.', '_');
                instruments.Add(instrument is Counter<long> ? name + "_total" : name);
            }
        };
        listener.Start();
        _ = new FailoverMetrics(factory);

        var vrrp = QueriedMetricNames().Where(static n => n.StartsWith("l7gate_vrrp_", StringComparison.Ordinal)).ToArray();

        Assert.NotEmpty(vrrp);
        Assert.All(vrrp, name => Assert.Contains(name, instruments));
    }

    private static HashSet<string> QueriedMetricNames()
    {
        var dashboard = JsonNode.Parse(File.ReadAllText(DashboardPath))!;
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var panel in dashboard["panels"]!.AsArray())
        {
            foreach (var target in panel!["targets"]!.AsArray())
            {
                foreach (Match match in MetricName().Matches(target!["expr"]!.GetValue<string>()))
                {
                    names.Add(match.Value);
                }
            }
        }

        return names;
    }

    private static HashSet<string> ExposedNames(string exposition) =>
        ExposedName().Matches(exposition).Select(static m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);

    [GeneratedRegex(@"\bl7gate_[a-z0-9_]+")]
    private static partial Regex MetricName();

    [GeneratedRegex(@"^(l7gate_[a-z0-9_]+)[{ ]", RegexOptions.Multiline)]
    private static partial Regex ExposedName();
}
