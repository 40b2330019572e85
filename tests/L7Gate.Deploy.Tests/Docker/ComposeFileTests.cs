using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using L7Gate.Deploy.Tests.Infrastructure;

namespace L7Gate.Deploy.Tests.Docker;

/// <summary>
/// The compose files of the three HA modes (docker/&lt;mode&gt;/compose.yaml) and the gateway configs they
/// mount: parsed and cross-checked, since `docker compose up` cannot run here.
/// </summary>
public sealed class ComposeFileTests
{
    /// <summary>Compose files by HA mode, with the gateways and VIPs each mode must have.</summary>
    public static TheoryData<string, int, int> Modes => new()
    {
        { "active-standby", 2, 1 },
        { "active-active", 2, 2 },
        { "cluster", 3, 3 },
    };

    [Fact]
    public void ComposeFiles_DockerFolder_OneFilePerHaModeOnly()
    {
        var found = ComposeFile.All(RepoPaths.Of("docker"))
            .Select(p => Path.GetFileName(Path.GetDirectoryName(p)!))
            .ToList();
        Assert.Equal(Modes.Select(m => (string)m[0]).Order(StringComparer.Ordinal), found.Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public void ComposeFile_Parse_FixedAddressesInsideOneSubnet(string mode, int gateways, int vips)
    {
        _ = vips;
        var compose = Load(mode);
        var (network, prefix) = compose.Subnet;
        var addresses = compose.Services.ToDictionary(s => s.Key, s => ComposeFile.Address(s.Value));

        Assert.Equal(gateways, compose.Gateways.Count);
        Assert.True(compose.Services.Count - gateways >= 2, "two backends expected");
        Assert.All(addresses, a => Assert.True(new IPNetwork(network, prefix).Contains(a.Value), $"{a.Key} {a.Value} outside {network}/{prefix}"));
        Assert.Equal(addresses.Count, addresses.Values.Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public void ComposeFile_BindMounts_ExistInRepository(string mode, int gateways, int vips)
    {
        _ = (gateways, vips);
        var compose = Load(mode);
        var mounts = compose.Services.Values.SelectMany(compose.BindMounts).ToList();

        Assert.NotEmpty(mounts);
        Assert.All(mounts, m => Assert.True(File.Exists(m.Source) || Directory.Exists(m.Source), $"{m.Source} (mounted at {m.Target}) is missing"));
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public void ComposeFile_Gateways_RootWithNetAdminAndNetRawAndConfigMounted(string mode, int gateways, int vips)
    {
        _ = (gateways, vips);
        var compose = Load(mode);
        foreach (var (name, gateway) in compose.Gateways)
        {
            Assert.Equal("0", gateway["user"].ToString());
            Assert.Contains("NET_ADMIN", ComposeFile.Strings(gateway, "cap_add"));
            Assert.Contains("NET_RAW", ComposeFile.Strings(gateway, "cap_add"));
            Assert.Contains("SYS_NICE", ComposeFile.Strings(gateway, "cap_add"));
            Assert.True(compose.BindMounts(gateway).Any(m => m.Target == "/etc/l7gate/appsettings.json"), $"{name} mounts no config");
        }
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public void ComposeFile_GatewayConfigs_RouteToTheComposeBackends(string mode, int gateways, int vips)
    {
        _ = (gateways, vips);
        var compose = Load(mode);
        var backends = compose.Services.Where(s => !compose.Gateways.ContainsKey(s.Key)).Select(s => ComposeFile.Address(s.Value).ToString()).ToHashSet();

        foreach (var (name, config) in GatewayConfigs(compose))
        {
            var destinations = config["ReverseProxy"]!["Clusters"]!.AsObject()
                .SelectMany(c => c.Value!["Destinations"]!.AsObject())
                .Select(d => new Uri(d.Value!["Address"]!.GetValue<string>()).Host)
                .ToList();
            Assert.NotEmpty(destinations);
            Assert.All(destinations, host => Assert.True(backends.Contains(host), $"{name} routes to {host}, which is no backend of {mode}"));
        }
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public void ComposeFile_FailoverInstances_AgreeAcrossGatewaysWithOnePreferredMasterEach(string mode, int gateways, int vips)
    {
        _ = gateways;
        var compose = Load(mode);
        var (network, prefix) = compose.Subnet;
        var serviceAddresses = compose.Services.Values.Select(ComposeFile.Address).ToHashSet();
        var configs = GatewayConfigs(compose);

        // instance name -> (gateway, instance config)
        var instances = configs
            .SelectMany(c => c.Config["Failover"]!["Instances"]!.AsObject().Select(i => (Instance: i.Key, Gateway: c.Name, Config: i.Value!)))
            .GroupBy(i => i.Instance)
            .ToList();
        Assert.Equal(vips, instances.Count);

        foreach (var instance in instances)
        {
            var members = instance.ToList();
            Assert.True(members.Count == configs.Count, $"{instance.Key} is not configured on every gateway");
            Assert.Single(members.Select(m => m.Config["VirtualRouterId"]!.ToJsonString()).Distinct());
            Assert.Single(members.Select(m => m.Config["Version"]?.ToJsonString() ?? "3").Distinct());
            Assert.Single(members.Select(m => m.Config["VirtualIPs"]!.ToJsonString()).Distinct());
            var priorities = members.Select(m => m.Config["Priority"]!.GetValue<int>()).ToList();
            Assert.True(priorities.Distinct().Count() == priorities.Count, $"{instance.Key}: equal priorities leave the master to the IP order");
            Assert.All(members, m => Assert.Equal("eth0", m.Config["Interface"]!.GetValue<string>()));

            // Unicast VRRP: each gateway's peers are exactly the other gateways' compose addresses.
            foreach (var member in members.Where(m => m.Config["UnicastPeers"] is JsonArray { Count: > 0 }))
            {
                var peers = member.Config["UnicastPeers"]!.AsArray().Select(p => p!.GetValue<string>()).Order(StringComparer.Ordinal);
                var others = compose.Gateways.Where(g => g.Key != member.Gateway).Select(g => ComposeFile.Address(g.Value).ToString()).Order(StringComparer.Ordinal);
                Assert.Equal(others, peers);
            }

            foreach (var vip in members[0].Config["VirtualIPs"]!.AsArray().Select(v => IPNetwork.Parse(v!.GetValue<string>())))
            {
                Assert.True(new IPNetwork(network, prefix).Contains(vip.BaseAddress), $"VIP {vip} is outside the compose network");
                Assert.DoesNotContain(vip.BaseAddress, serviceAddresses);
            }
        }

        var vrids = instances.Select(i => i.First().Config["VirtualRouterId"]!.GetValue<int>()).ToList();
        Assert.Equal(vrids.Count, vrids.Distinct().Count());

        // Every gateway is the preferred master of some VIP when there are enough VIPs to go round.
        var preferred = instances.Select(i => i.MaxBy(m => m.Config["Priority"]!.GetValue<int>()).Gateway).Distinct().Count();
        Assert.Equal(Math.Min(vips, configs.Count), preferred);
    }

    // The examples start with // comments, as appsettings.json may.
    private static readonly JsonDocumentOptions JsonWithComments = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    private static ComposeFile Load(string mode) => ComposeFile.Load(RepoPaths.Of($"docker/{mode}/compose.yaml"));

    private static List<(string Name, JsonNode Config)> GatewayConfigs(ComposeFile compose) =>
        compose.Gateways
            .Select(g => (g.Key, compose.BindMounts(g.Value).Single(m => m.Target == "/etc/l7gate/appsettings.json").Source))
            .Select(g => (g.Key, JsonNode.Parse(File.ReadAllText(g.Source), documentOptions: JsonWithComments)!))
            .ToList();
}
