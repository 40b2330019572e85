using L7Gate.Failover.Options;
using Microsoft.Extensions.Configuration;

namespace L7Gate.Failover.Tests.Examples;

/// <summary>The shipped HA-mode examples (appsettings/examples) are valid and describe the mode they claim.</summary>
public class HaExampleConfigTests
{
    private static string ExamplesDirectory => Path.Combine(AppContext.BaseDirectory, "examples");

    public static TheoryData<string> ExamplesWithFailover()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(ExamplesDirectory, "*.json").Order())
        {
            if (Load(Path.GetFileName(file)).Instances.Count > 0)
            {
                data.Add(Path.GetFileName(file));
            }
        }

        return data;
    }

    private static FailoverOptions Load(string file)
    {
        var configuration = new ConfigurationBuilder().AddJsonFile(Path.Combine(ExamplesDirectory, file)).Build();
        return configuration.GetSection(FailoverOptions.SectionName).Get<FailoverOptions>() ?? new FailoverOptions();
    }

    [Fact]
    public void Examples_EveryHaModeAndNode_Shipped()
    {
        string[] expected =
        [
            "ha-active-active-node-a.json", "ha-active-active-node-b.json",
            "ha-active-standby-node-a.json", "ha-active-standby-node-b.json",
            "ha-cluster-node-a.json", "ha-cluster-node-b.json", "ha-cluster-node-c.json",
        ];

        var present = Directory.GetFiles(ExamplesDirectory, "ha-*.json").Select(f => Path.GetFileName(f)).ToHashSet();

        Assert.Subset(expected.ToHashSet(), present);
        Assert.All(expected, file => Assert.NotEmpty(Load(file).Instances));
    }

    [Theory]
    [MemberData(nameof(ExamplesWithFailover))]
    public void FailoverSection_Example_PassesTheValidator(string file)
    {
        var result = new FailoverOptionsValidator().Validate(Load(file));

        Assert.True(result.IsValid, string.Join(Environment.NewLine, result.Errors.Select(e => $"{e.PropertyName}: {e.ErrorMessage}")));
    }

    [Fact]
    public void ActiveStandby_BothNodes_SameRouterAndVipNodeAPreferred()
    {
        var a = Load("ha-active-standby-node-a.json").Instances.Single();
        var b = Load("ha-active-standby-node-b.json").Instances.Single();

        Assert.Equal(a.Key, b.Key);
        AssertSameRouter(a.Value, b.Value);
        Assert.True(a.Value.Priority > b.Value.Priority);
        // A failing proxy must hand the VIP over: the weight takes a below b.
        Assert.True(a.Value.Priority + a.Value.TrackProxy!.Weight < b.Value.Priority);
    }

    [Fact]
    public void ActiveActive_EachNode_PreferredMasterOfExactlyOneVip()
    {
        var a = Load("ha-active-active-node-a.json").Instances;
        var b = Load("ha-active-active-node-b.json").Instances;

        Assert.Equal(2, a.Count);
        Assert.Equal(a.Keys.Order(), b.Keys.Order());
        foreach (var name in a.Keys)
        {
            AssertSameRouter(a[name], b[name]);
            Assert.NotEqual(a[name].Priority, b[name].Priority);
            Assert.Equal(a[name].UnicastSource, Assert.Single(b[name].UnicastPeers));
            Assert.Equal(b[name].UnicastSource, Assert.Single(a[name].UnicastPeers));
        }

        Assert.Single(a.Keys, name => a[name].Priority > b[name].Priority);
        Assert.Single(b.Keys, name => b[name].Priority > a[name].Priority);
        Assert.NotEqual(a["VI_1"].VirtualIPs, a["VI_2"].VirtualIPs);
    }

    [Fact]
    public void Cluster_EveryVip_HasDistinctOrderedBackupsAndEachNodeLeadsOne()
    {
        var nodes = new[] { "a", "b", "c" }.ToDictionary(n => n, n => Load($"ha-cluster-node-{n}.json").Instances);
        var names = nodes["a"].Keys.Order().ToArray();

        Assert.Equal(3, names.Length);
        var leaders = new List<string>();
        foreach (var name in names)
        {
            var ranking = nodes.OrderByDescending(n => n.Value[name].Priority).Select(n => n.Key).ToArray();
            Assert.Equal(3, nodes.Values.Select(n => n[name].Priority).Distinct().Count());
            foreach (var node in nodes.Values)
            {
                AssertSameRouter(nodes["a"][name], node[name]);
            }

            leaders.Add(ranking[0]);
        }

        Assert.Equal(["a", "b", "c"], leaders.Order());
    }

    private static void AssertSameRouter(VrrpInstanceOptions x, VrrpInstanceOptions y)
    {
        Assert.Equal(x.VirtualRouterId, y.VirtualRouterId);
        Assert.Equal(x.Version, y.Version);
        Assert.Equal(x.AdvertisementInterval, y.AdvertisementInterval);
        Assert.Equal(x.VirtualIPs, y.VirtualIPs); // same list, same order: keepalived peers compare it
    }
}
