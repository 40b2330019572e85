using L7Gate.Proxy.AccessControl;
using L7Gate.Proxy.Tests.Infrastructure;

namespace L7Gate.Proxy.Tests.AccessControl;

/// <summary>Allow/deny lists per route and per listener, and trusted front proxies, through the real host.</summary>
public sealed class AccessControlTests : IAsyncLifetime
{
    private TestBackend _backend = null!;

    public async Task InitializeAsync() => _backend = await TestBackend.StartAsync("b");

    public async Task DisposeAsync() => await _backend.DisposeAsync();

    [Fact]
    public async Task Request_RouteAllowAndDeny_DenyWinsAllowedPassesOthers403AndCounted()
    {
        await using var gateway = await GatewayHost.StartAsync(Config(
            """ "AccessControl": { "Allow": [ "192.0.2.0/24", "2001:db8::/32" ], "Deny": [ "192.0.2.66/32" ] }, """));
        using var metrics = new MetricRecorder(gateway.Services);

        Assert.Equal(200, (await ProxyRequests.SendAsync(gateway.Server, "/admin/x", client: "192.0.2.10")).Status);
        Assert.Equal(200, (await ProxyRequests.SendAsync(gateway.Server, "/admin/x", client: "2001:db8::1")).Status);
        Assert.Equal(200, (await ProxyRequests.SendAsync(gateway.Server, "/admin/x", client: "::ffff:192.0.2.11")).Status);
        var denied = await ProxyRequests.SendAsync(gateway.Server, "/admin/x", client: "192.0.2.66");
        var outside = await ProxyRequests.SendAsync(gateway.Server, "/admin/x", client: "198.51.100.1");

        Assert.Equal(403, denied.Status);
        Assert.Contains("route access list", denied.Body);
        Assert.Equal(403, outside.Status);
        Assert.Equal(3, _backend.Requests);
        Assert.Equal(2, metrics.Sum("l7gate.accesscontrol.denied", "name", "guarded"));
        Assert.Equal(200, (await ProxyRequests.SendAsync(gateway.Server, "/open", client: "198.51.100.1")).Status);
    }

    [Fact]
    public async Task Request_RouteDenyOnly_EveryoneNotDeniedPasses()
    {
        await using var gateway = await GatewayHost.StartAsync(Config(""" "AccessControl": { "Deny": [ "203.0.113.0/24" ] }, """));

        Assert.Equal(200, (await ProxyRequests.SendAsync(gateway.Server, "/admin/x", client: "198.51.100.1")).Status);
        Assert.Equal(403, (await ProxyRequests.SendAsync(gateway.Server, "/admin/x", client: "203.0.113.9")).Status);
    }

    [Fact]
    public async Task Request_ListenerDeny_RefusedOnThatPortOnlyAndCounted()
    {
        await using var gateway = await GatewayHost.StartAsync(Config("",
            """ "AccessControl": { "Listeners": { "8443": { "Deny": [ "198.51.100.0/24" ] } } }, """));
        using var metrics = new MetricRecorder(gateway.Services);

        Assert.Equal(403, (await ProxyRequests.SendAsync(gateway.Server, "/open", client: "198.51.100.5", localPort: 8443)).Status);
        Assert.Equal(200, (await ProxyRequests.SendAsync(gateway.Server, "/open", client: "198.51.100.5", localPort: 8080)).Status);
        Assert.Equal(200, (await ProxyRequests.SendAsync(gateway.Server, "/open", client: "192.0.2.5", localPort: 8443)).Status);
        Assert.Equal(1, metrics.Sum("l7gate.accesscontrol.denied", "scope", "listener"));
        Assert.Equal(1, metrics.Sum("l7gate.accesscontrol.denied", "name", "8443"));
    }

    [Fact]
    public async Task Reload_ListenerDenyAdded_AppliesWithoutRestart()
    {
        await using var gateway = await GatewayHost.StartAsync(Config(""));
        Assert.Equal(200, (await ProxyRequests.SendAsync(gateway.Server, "/open", client: "198.51.100.5")).Status);

        await gateway.WriteConfigAsync(Config("", """ "AccessControl": { "Listeners": { "8080": { "Deny": [ "198.51.100.0/24" ] } } }, """));

        await Eventually.TrueAsync(async () => (await ProxyRequests.SendAsync(gateway.Server, "/open", client: "198.51.100.5")).Status == 403,
            "the reloaded listener list refuses the client");
        Assert.Equal(200, (await ProxyRequests.SendAsync(gateway.Server, "/open", client: "192.0.2.5")).Status);
    }

    [Fact]
    public async Task Request_ForwardedForFromTrustedProxy_ListSeesTheRealClient()
    {
        await using var gateway = await GatewayHost.StartAsync(Config(
            """ "AccessControl": { "Allow": [ "192.0.2.0/24" ] }, """,
            """ "TrustedProxies": { "Networks": [ "10.0.0.0/8" ] }, """));

        Task<int> Status(string peer, string forwardedFor) => ProxyRequests.SendAsync(gateway.Server, "/admin/x", client: peer,
            request: r => r.Headers["X-Forwarded-For"] = forwardedFor).ContinueWith(t => t.Result.Status);

        Assert.Equal(200, await Status("10.0.0.5", "192.0.2.10"));
        Assert.Equal(403, await Status("10.0.0.5", "198.51.100.1"));
        // An untrusted peer cannot claim an allowed address.
        Assert.Equal(403, await Status("198.51.100.7", "192.0.2.10"));
    }

    [Fact]
    public async Task Request_ForwardedForWithoutTrustedProxies_Ignored()
    {
        await using var gateway = await GatewayHost.StartAsync(Config(""" "AccessControl": { "Allow": [ "192.0.2.0/24" ] }, """));

        var answer = await ProxyRequests.SendAsync(gateway.Server, "/admin/x", client: "127.0.0.1",
            request: r => r.Headers["X-Forwarded-For"] = "192.0.2.10");

        Assert.Equal(403, answer.Status);
    }

    [Fact]
    public async Task Validate_BadCidrsAndListenerKey_RejectedWithPathsAndValues()
    {
        await using var gateway = await GatewayHost.StartAsync(Config(""));

        var errors = gateway.Config.Validate($$"""
        {
          "TrustedProxies": { "Networks": [ "10.0.0.0/33" ] },
          "AccessControl": { "Listeners": { "http": { "Allow": [ "192.0.2.0/24" ] }, "8080": { "Deny": [ "nonsense" ] } } },
          "ReverseProxy": {
            "Routes": { "r": { "ClusterId": "c", "Match": { "Path": "/{**rest}" },
              "AccessControl": { "Allow": [ "192.0.2.1/24" ], "Deny": [ "300.1.1.1" ] } } },
            "Clusters": { "c": { "Destinations": { "b": { "Address": "{{_backend.Url}}" } } } }
          }
        }
        """);

        Assert.Contains(errors, e => e.Path == "ReverseProxy:Routes:r:AccessControl:Allow:0" && e.Message.Contains("'192.0.2.1/24'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Path == "ReverseProxy:Routes:r:AccessControl:Deny:0" && e.Message.Contains("'300.1.1.1'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Path == "TrustedProxies:Networks:0" && e.Message.Contains("'10.0.0.0/33'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Path == "AccessControl:Listeners:http" && e.Message.Contains("'http'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Path == "AccessControl:Listeners:8080:Deny:0" && e.Message.Contains("'nonsense'", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("192.0.2.0/24", "192.0.2.255", true)]
    [InlineData("192.0.2.0/24", "192.0.3.0", false)]
    [InlineData("192.0.2.7", "192.0.2.7", true)]
    [InlineData("2001:db8::/32", "2001:db8:ffff::1", true)]
    [InlineData("2001:db8::/32", "192.0.2.1", false)]
    public void Permits_AllowList_MatchesTheNetwork(string allow, string client, bool expected)
    {
        var rule = new AccessRule(new AccessControlOptions { Allow = [allow] });

        Assert.Equal(expected, rule.Permits(System.Net.IPAddress.Parse(client)));
    }

    private string Config(string guardedRouteKeys, string extraSections = "") => $$"""
    {
      {{extraSections}}
      "ReverseProxy": {
        "Routes": {
          "guarded": { "ClusterId": "c", {{guardedRouteKeys}} "Match": { "Path": "/admin/{**rest}" } },
          "open": { "ClusterId": "c", "Match": { "Path": "/{**rest}" } }
        },
        "Clusters": { "c": { "Destinations": { "b": { "Address": "{{_backend.Url}}" } } } }
      }
    }
    """;
}
