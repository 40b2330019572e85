using L7Gate.Configuration;

namespace L7Gate.Proxy.Tests.Configuration;

public sealed class StartupOnlyKeysTests
{
    private static readonly Dictionary<string, string?> Started = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Urls"] = "http://0.0.0.0:80",
        ["Failover:Instances:VI_1:Priority"] = "150",
        ["Failover:Instances:VI_1:VirtualIPs:0"] = "192.0.2.100/24",
        ["Admin:Urls"] = "http://127.0.0.1:9901",
        ["Admin:ApiKey"] = "0123456789abcdef",
        ["ReverseProxy:Routes:all:ClusterId"] = "web",
    };

    [Fact]
    public void Changed_OnlyReloadableKeysDiffer_Empty()
    {
        var current = new Dictionary<string, string?>(Started, StringComparer.OrdinalIgnoreCase)
        {
            ["Admin:ApiKey"] = "fedcba9876543210",
            ["ReverseProxy:Routes:all:ClusterId"] = "other",
        };

        Assert.Empty(StartupOnlyKeys.Changed(Started, current));
    }

    [Fact]
    public void Changed_FailoverPriorityAndListener_BothNamed()
    {
        var current = new Dictionary<string, string?>(Started, StringComparer.OrdinalIgnoreCase)
        {
            ["Failover:Instances:VI_1:Priority"] = "100",
            ["Urls"] = "http://0.0.0.0:8080",
        };

        Assert.Equal(["Urls", "Failover"], StartupOnlyKeys.Changed(Started, current));
    }

    [Fact]
    public void Changed_FailoverInstanceAdded_Named()
    {
        var current = new Dictionary<string, string?>(Started, StringComparer.OrdinalIgnoreCase)
        {
            ["Failover:Instances:VI_2:Priority"] = "100",
        };

        Assert.Equal(["Failover"], StartupOnlyKeys.Changed(Started, current));
    }

    [Fact]
    public void Changed_SameKeysSpelledInAnotherCase_Empty()
    {
        var current = Started.ToDictionary(p => p.Key.ToLowerInvariant(), p => p.Value);

        Assert.Empty(StartupOnlyKeys.Changed(Started, current));
    }

    [Fact]
    public void Changed_UrlsPrefixOfAnotherKey_NotConfused()
    {
        var current = new Dictionary<string, string?>(Started, StringComparer.OrdinalIgnoreCase) { ["UrlsExtra"] = "x" };

        Assert.Empty(StartupOnlyKeys.Changed(Started, current));
    }

    [Fact]
    public void Changed_EndpointsMappedAtStartup_Named()
    {
        var current = new Dictionary<string, string?>(Started, StringComparer.OrdinalIgnoreCase)
        {
            ["Admin:Dashboard"] = "false",
            ["Telemetry:Prometheus"] = "false",
        };

        Assert.Equal(["Admin:Dashboard", "Telemetry:Prometheus"], StartupOnlyKeys.Changed(Started, current));
    }
}
