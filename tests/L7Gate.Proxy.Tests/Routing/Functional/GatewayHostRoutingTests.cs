using L7Gate.Proxy.Tests.Infrastructure;
using UA = L7Gate.Proxy.Tests.Routing.Browsers.RealUserAgents;

namespace L7Gate.Proxy.Tests.Routing.Functional;

/// <summary>
/// Language and browser routing through the real L7Gate host (Program, --config file, validated
/// config loader, live reload) in front of real Kestrel backends, with the keys written as an
/// operator writes them: <c>Match.Languages</c> and <c>Match.Browsers</c>.
/// </summary>
public sealed class GatewayHostRoutingTests : IAsyncLifetime
{
    private TestBackend _zh = null!;
    private TestBackend _en = null!;
    private TestBackend _mobile = null!;
    private TestBackend _fallback = null!;
    private GatewayHost _gateway = null!;

    // Shaped like the shipped default config: language routes and fallback on the catch-all with
    // Orders 100/101/1000, a ?lang=zh override at Order 20, a mobile-only /m/ route without a fallback of its own.
    private string Config(string zhLanguages = "\"zh-CN\", \"zh\"") => $$"""
    {
      "ReverseProxy": {
        "Routes": {
          "lang-query-zh": { "ClusterId": "zh", "Order": 20,
            "Match": { "Path": "/{**catch-all}", "QueryParameters": [ { "Name": "lang", "Values": [ "zh" ], "Mode": "Exact" } ] } },
          "mobile": { "ClusterId": "mobile", "Order": 40, "Match": { "Path": "/m/{**rest}", "Browsers": [ "Mobile" ] } },
          "lang-zh": { "ClusterId": "zh", "Order": 100, "Match": { "Path": "/{**catch-all}", "Languages": [ {{zhLanguages}} ] } },
          "lang-en": { "ClusterId": "en", "Order": 101, "Match": { "Path": "/{**catch-all}", "Languages": [ "en" ] } },
          "fallback": { "ClusterId": "fallback", "Order": 1000, "Match": { "Path": "/{**catch-all}" } }
        },
        "Clusters": {
          "zh": { "Destinations": { "zh": { "Address": "{{_zh.Url}}" } } },
          "en": { "Destinations": { "en": { "Address": "{{_en.Url}}" } } },
          "mobile": { "Destinations": { "mobile": { "Address": "{{_mobile.Url}}" } } },
          "fallback": { "Destinations": { "fallback": { "Address": "{{_fallback.Url}}" } } }
        }
      }
    }
    """;

    public async Task InitializeAsync()
    {
        _zh = await TestBackend.StartAsync("zh");
        _en = await TestBackend.StartAsync("en");
        _mobile = await TestBackend.StartAsync("mobile");
        _fallback = await TestBackend.StartAsync("fallback");
        _gateway = await GatewayHost.StartAsync(Config());
    }

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        foreach (var backend in new[] { _zh, _en, _mobile, _fallback })
        {
            await backend.DisposeAsync();
        }
    }

    private async Task<HttpResponseMessage> SendAsync(string path, string? acceptLanguage = null, string? userAgent = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (acceptLanguage is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept-Language", acceptLanguage);
        }

        if (userAgent is not null)
        {
            request.Headers.TryAddWithoutValidation("User-Agent", userAgent);
        }

        return await _gateway.Client.SendAsync(request);
    }

    private async Task<string> BackendFor(string path, string? acceptLanguage = null, string? userAgent = null)
    {
        using var response = await SendAsync(path, acceptLanguage, userAgent);
        response.EnsureSuccessStatusCode();
        return response.Headers.GetValues("X-Backend").Single();
    }

    [Theory]
    [InlineData("zh-TW,zh;q=0.9", "zh")]
    [InlineData("en-GB", "en")]
    [InlineData("en;q=0.9, zh;q=0.8", "en")] // the client's preference decides, not the routes' Order
    [InlineData("fr, zh;q=0.5", "zh")]
    [InlineData("zh;q=0, en;q=0.2", "en")]
    [InlineData("zh;q=0", "fallback")]
    [InlineData("fr", "fallback")]
    [InlineData("zh_TW", "fallback")]
    [InlineData(null, "fallback")]
    public async Task Get_AcceptLanguage_RealHostRoutesOnQValues(string? acceptLanguage, string expected)
    {
        Assert.Equal(expected, await BackendFor("/page", acceptLanguage));
    }

    [Fact]
    public async Task Get_QueryOverrideAtLowerOrder_WinsOverAcceptLanguage()
    {
        Assert.Equal("zh", await BackendFor("/page?lang=zh", "en"));
    }

    [Fact]
    public async Task Get_LanguageRoutedAndFallbackResponses_VaryOnAcceptLanguage()
    {
        using var routed = await SendAsync("/page", "zh");
        using var fallback = await SendAsync("/page");

        Assert.Contains("Accept-Language", routed.Headers.Vary);
        Assert.Contains("Accept-Language", fallback.Headers.Vary);
    }

    [Theory]
    [InlineData(UA.SafariIPhone, null, "mobile")]
    [InlineData(UA.ChromeAndroid, null, "mobile")]
    [InlineData(UA.ChromeWindows, null, "fallback")] // no /m/ fallback: the catch-all routes answer
    [InlineData(UA.ChromeWindows, "zh", "zh")]
    public async Task Get_MobilePath_RoutesOnBrowser(string userAgent, string? acceptLanguage, string expected)
    {
        Assert.Equal(expected, await BackendFor("/m/page", acceptLanguage, userAgent));
    }

    [Fact]
    public async Task Get_MobilePathFromDesktop_VariesOnBothHeaders()
    {
        using var response = await SendAsync("/m/page", "zh", UA.ChromeWindows);

        Assert.Contains("User-Agent", response.Headers.Vary);
        Assert.Contains("Accept-Language", response.Headers.Vary);
    }

    [Fact]
    public async Task Get_MalformedAcceptLanguage_CountedOnHostMeter()
    {
        using var metrics = new MetricRecorder(_gateway.Services);

        await BackendFor("/page", "en;q=1.5");

        Assert.Equal(1, metrics.Sum("l7gate.routing.malformed_headers", "header", "Accept-Language"));
    }

    [Fact]
    public async Task Reload_ChangedLanguages_RoutingFollowsWithoutRestart()
    {
        Assert.Equal("fallback", await BackendFor("/page", "ja"));
        var generation = _gateway.Config.Generation;

        await _gateway.WriteConfigAsync(Config("\"zh\", \"ja\""));
        await Eventually.TrueAsync(() => _gateway.Config.Generation > generation, "the edited file is applied");

        // YARP swaps its endpoints just after the config is applied.
        await Eventually.TrueAsync(async () => await BackendFor("/page", "ja") == "zh", "ja is routed to zh", TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Reload_InvalidLanguageTag_RejectedWithPathAndOldRoutingKept()
    {
        await _gateway.WriteConfigAsync(Config("\"zh\", \"ja_JP\""));
        await Eventually.TrueAsync(() => _gateway.Config.LastErrors.Count > 0, "the invalid file is rejected");

        var error = Assert.Single(_gateway.Config.LastErrors);
        Assert.Equal("ReverseProxy:Routes:lang-zh:Match:Languages:1", error.Path);
        Assert.Contains("'ja_JP' is not a language tag", error.Message);
        Assert.Equal("zh", await BackendFor("/page", "zh-CN"));
        Assert.Equal("fallback", await BackendFor("/page", "ja"));
    }
}
