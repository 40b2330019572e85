using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using L7Gate.Network.Tests.Lab;
using L7Gate.Network.Tests.Privileged;
using static L7Gate.Network.Tests.Failover.FailoverScenario;

namespace L7Gate.Network.Tests.Failover;

/// <summary>
/// The Grafana dashboard's VRRP panels against a live scrape: a real pair elects a master, then every
/// <c>l7gate_vrrp_*</c> series docker/grafana/l7gate.json queries is in the master's and the backup's <c>/metrics</c>
/// (the Deploy tests check the proxy series the same way, and these names against the instruments).
/// </summary>
public sealed partial class VrrpMetricsScrapeTests
{
    [PrivilegedFact]
    public async Task Scrape_ElectedPair_EveryVrrpSeriesTheDashboardQueriesIsExposed()
    {
        using var lab = await FailoverLab.CreateAsync();
        var (n1, n2) = (lab.Nodes[0], lab.Nodes[1]);
        await lab.StartL7GateAsync(n2, Instance(priority: 100));
        await lab.StartL7GateAsync(n1, Instance(priority: 150));
        await AssertHolderAsync(lab, FailoverLab.Vip1, n1, TimeSpan.FromSeconds(5));
        var queried = DashboardVrrpNames();
        Assert.NotEmpty(queried);

        foreach (var node in new[] { n1, n2 })
        {
            var exposed = await ScrapeAsync(lab, node);
            Assert.All(queried, name => Assert.True(exposed.Contains(name),
                $"{name} is queried by the dashboard but {node.Name}'s /metrics has no such series; it has {string.Join(", ", exposed.Where(n => n.StartsWith("l7gate_vrrp_", StringComparison.Ordinal)))}"));
        }
    }

    private static async Task<HashSet<string>> ScrapeAsync(FailoverLab lab, LabNode node)
    {
        var result = await HttpProbe.SendAsync(lab.Lab.ThreadIn(node), "GET", new IPEndPoint(IPAddress.Loopback, 9901),
            TimeSpan.FromSeconds(10), "/metrics", $"Bearer {L7GateNode.AdminApiKey}");
        Assert.True(result.Ok, $"/metrics on {node.Name}: {result.Status}\n{lab.Logs()}");
        return ExposedName().Matches(result.Body).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
    }

    private static HashSet<string> DashboardVrrpNames()
    {
        var path = Path.Combine(L7GateBuild.RepositoryRoot, "docker", "grafana", "l7gate.json");
        var dashboard = JsonNode.Parse(File.ReadAllText(path))!;
        return dashboard["panels"]!.AsArray()
            .SelectMany(panel => panel!["targets"]!.AsArray())
            .SelectMany(target => MetricName().Matches(target!["expr"]!.GetValue<string>()).Select(m => m.Value))
            .Where(name => name.StartsWith("l7gate_vrrp_", StringComparison.Ordinal))
            .ToHashSet(StringComparer.Ordinal);
    }

    [GeneratedRegex(@"\bl7gate_[a-z0-9_]+")]
    private static partial Regex MetricName();

    [GeneratedRegex(@"^(l7gate_[a-z0-9_]+)[{ ]", RegexOptions.Multiline)]
    private static partial Regex ExposedName();
}
