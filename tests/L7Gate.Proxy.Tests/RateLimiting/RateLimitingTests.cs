using L7Gate.Proxy.RateLimiting;
using L7Gate.Proxy.Tests.Infrastructure;

namespace L7Gate.Proxy.Tests.RateLimiting;

/// <summary>
/// Config-only rate-limit policies through the real host: YARP's route key <c>RateLimiterPolicy</c> names them, the
/// request over the limit gets 429 with Retry-After and is counted per route and policy. Windows are an hour long so
/// a slow machine cannot see one end during a test.
/// </summary>
public sealed class RateLimitingTests : IAsyncLifetime
{
    private TestBackend _backend = null!;

    public async Task InitializeAsync() => _backend = await TestBackend.StartAsync("b");

    public async Task DisposeAsync() => await _backend.DisposeAsync();

    [Theory]
    [InlineData("""{ "Kind": "FixedWindow", "PermitLimit": 3, "Window": "01:00:00" }""")]
    [InlineData("""{ "Kind": "SlidingWindow", "PermitLimit": 3, "Window": "01:00:00", "SegmentsPerWindow": 4 }""")]
    [InlineData("""{ "Kind": "TokenBucket", "PermitLimit": 3, "TokensPerPeriod": 1, "ReplenishmentPeriod": "01:00:00" }""")]
    public async Task Request_OverThePolicysLimit_429WithRetryAfterAndCounted(string policy)
    {
        await using var gateway = await GatewayHost.StartAsync(Config(policy));
        using var metrics = new MetricRecorder(gateway.Services);

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(200, (await ProxyRequests.SendAsync(gateway.Server, $"/api/{i}")).Status);
        }

        var refused = await ProxyRequests.SendAsync(gateway.Server, "/api/over");

        Assert.Equal(429, refused.Status);
        Assert.True(int.TryParse(refused.Headers.RetryAfter.ToString(), out var seconds) && seconds >= 1, $"Retry-After '{refused.Headers.RetryAfter}'");
        Assert.Contains("per-client", refused.Body);
        Assert.Equal(3, _backend.Requests);
        Assert.Equal(1, metrics.Sum("l7gate.ratelimit.rejected", "policy", "per-client"));
        Assert.Equal(1, metrics.Sum("l7gate.ratelimit.rejected", "route", "api"));
        Assert.Equal(200, (await ProxyRequests.SendAsync(gateway.Server, "/free")).Status);
    }

    [Fact]
    public async Task Request_ConcurrencyLimitInFlight_SecondGets429WithRetryAfter()
    {
        _backend.ResponseDelay = TimeSpan.FromSeconds(3);
        await using var gateway = await GatewayHost.StartAsync(Config("""{ "Kind": "Concurrency", "PermitLimit": 1 }"""));

        var slow = ProxyRequests.SendAsync(gateway.Server, "/api/slow");
        await Eventually.TrueAsync(() => _backend.Requests == 1, "the first request is at the backend");
        var refused = await ProxyRequests.SendAsync(gateway.Server, "/api/second");

        Assert.Equal(429, refused.Status);
        Assert.Equal("1", refused.Headers.RetryAfter.ToString());
        Assert.Equal(200, (await slow).Status);
    }

    [Fact]
    public async Task Request_PartitionedByHeader_EachKeyHasItsOwnLimit()
    {
        await using var gateway = await GatewayHost.StartAsync(Config(
            """{ "Kind": "FixedWindow", "PermitLimit": 2, "Window": "01:00:00", "PartitionBy": "Header:X-Api-Key" }"""));

        Task<ProxyRequests.Answer> Send(string key) =>
            ProxyRequests.SendAsync(gateway.Server, "/api/x", request: r => r.Headers["X-Api-Key"] = key);

        Assert.Equal(200, (await Send("alice")).Status);
        Assert.Equal(200, (await Send("alice")).Status);
        Assert.Equal(429, (await Send("alice")).Status);
        Assert.Equal(200, (await Send("bob")).Status);
        Assert.Equal(200, (await Send("bob")).Status);
        Assert.Equal(429, (await Send("bob")).Status);
    }

    [Fact]
    public async Task Request_PartitionedByClientIpBehindTrustedProxy_EachRealClientHasItsOwnLimit()
    {
        await using var gateway = await GatewayHost.StartAsync(Config(
            """{ "Kind": "FixedWindow", "PermitLimit": 1, "Window": "01:00:00" }""",
            """ "TrustedProxies": { "Networks": [ "10.0.0.0/8" ] }, """));

        Task<ProxyRequests.Answer> Send(string peer, string forwardedFor) =>
            ProxyRequests.SendAsync(gateway.Server, "/api/x", client: peer, request: r => r.Headers["X-Forwarded-For"] = forwardedFor);

        // Through the trusted load balancer: two real clients, one permit each.
        Assert.Equal(200, (await Send("10.1.2.3", "192.0.2.1")).Status);
        Assert.Equal(200, (await Send("10.1.2.3", "192.0.2.2")).Status);
        Assert.Equal(429, (await Send("10.1.2.3", "192.0.2.1")).Status);

        // From an untrusted peer the header is ignored: changing it does not buy another permit.
        Assert.Equal(200, (await Send("198.51.100.7", "192.0.2.3")).Status);
        Assert.Equal(429, (await Send("198.51.100.7", "192.0.2.4")).Status);
    }

    [Fact]
    public async Task Validate_UnknownPolicyOnRouteAndBadPolicies_RejectedWithPathsAndValues()
    {
        await using var gateway = await GatewayHost.StartAsync(Config("""{ "Kind": "FixedWindow", "PermitLimit": 1, "Window": "00:00:01" }"""));

        var errors = gateway.Config.Validate($$"""
        {
          "RateLimiting": { "Policies": {
            "per-client": { "Kind": "FixedWindow", "PermitLimit": 1, "Window": "00:00:01" },
            "leaky": { "Kind": "LeakyBucket", "PermitLimit": 5 },
            "nolimit": { "Kind": "TokenBucket", "TokensPerPeriod": 1, "ReplenishmentPeriod": "00:00:01" },
            "bykey": { "Kind": "FixedWindow", "PermitLimit": 1, "Window": "00:00:01", "PartitionBy": "Cookie:x" }
          } },
          "ReverseProxy": {
            "Routes": { "api": { "ClusterId": "c", "RateLimiterPolicy": "typo", "Match": { "Path": "/{**rest}" } } },
            "Clusters": { "c": { "Destinations": { "b": { "Address": "{{_backend.Url}}" } } } }
          }
        }
        """);

        Assert.Contains(errors, e => e.Path == "RateLimiting:Policies:leaky:Kind" && e.Message.Contains("'LeakyBucket'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Path == "RateLimiting:Policies:nolimit:PermitLimit" && e.Message.Contains("missing", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Path == "RateLimiting:Policies:bykey:PartitionBy" && e.Message.Contains("'Cookie:x'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Path.StartsWith("ReverseProxy:Routes:api", StringComparison.Ordinal) && e.Message.Contains("typo", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_WindowKindWithoutWindow_ErrorNamesTheKey()
    {
        var options = new RateLimitingOptions();
        options.Policies["p"] = new RateLimitPolicyOptions { Kind = "SlidingWindow", PermitLimit = 5 };

        var errors = new RateLimitingOptionsValidator().Validate(options).Errors;

        Assert.Contains(errors, e => e.PropertyName == "Policies[p].Window");
        Assert.Contains(errors, e => e.PropertyName == "Policies[p].SegmentsPerWindow");
    }

    private string Config(string policy, string extraSections = "") => $$"""
    {
      {{extraSections}}
      "RateLimiting": { "Policies": { "per-client": {{policy}} } },
      "ReverseProxy": {
        "Routes": {
          "api": { "ClusterId": "c", "RateLimiterPolicy": "per-client", "Match": { "Path": "/api/{**rest}" } },
          "free": { "ClusterId": "c", "Match": { "Path": "/{**rest}" } }
        },
        "Clusters": { "c": { "Destinations": { "b": { "Address": "{{_backend.Url}}" } } } }
      }
    }
    """;
}
