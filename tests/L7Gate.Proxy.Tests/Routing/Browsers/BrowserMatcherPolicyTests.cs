using L7Gate.Proxy.Routing.Browsers;
using L7Gate.Proxy.Routing.Vary;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using UA = L7Gate.Proxy.Tests.Routing.Browsers.RealUserAgents;

namespace L7Gate.Proxy.Tests.Routing.Browsers;

public sealed class BrowserMatcherPolicyTests : IDisposable
{
    private readonly MeteringFixture _metering = new();
    private readonly BrowserMatcherPolicy _policy;

    public BrowserMatcherPolicyTests()
    {
        _policy = new BrowserMatcherPolicy(new BrowserClassifier(), _metering.Metrics, NullLogger<BrowserMatcherPolicy>.Instance);
    }

    public void Dispose() => _metering.Dispose();

    private static BrowserRouteMetadata Browsers(params string[] names) => new(names);

    private static CandidateSetBuilder Builder() => new(new BrowserMetadataComparer());

    private static CandidateSetBuilder Routes() => Builder()
        .Add("edge", metadata: Browsers("Edge"))
        .Add("chrome", metadata: Browsers("Chrome"))
        .Add("safari", metadata: Browsers("Safari"))
        .Add("mobile", metadata: Browsers("Mobile"))
        .Add("fallback");

    private async Task<IReadOnlyList<string>> Route(CandidateSetBuilder builder, params (string, string)[] headers)
    {
        var set = builder.Build();
        await _policy.ApplyAsync(CandidateSetBuilder.Request(headers), set);
        return CandidateSetBuilder.Winners(set);
    }

    [Theory]
    [InlineData(UA.EdgeWindows, "edge")]
    [InlineData(UA.EdgeAndroid, "edge")] // family beats class at equal Order
    [InlineData(UA.ChromeWindows, "chrome")]
    [InlineData(UA.ChromeAndroid, "chrome")]
    [InlineData(UA.SafariMac, "safari")]
    [InlineData(UA.SafariIPhone, "safari")]
    [InlineData(UA.FirefoxAndroid, "mobile")]
    [InlineData(UA.SamsungInternet, "mobile")]
    [InlineData(UA.FirefoxWindows, "fallback")]
    [InlineData(UA.Googlebot, "fallback")]
    [InlineData(UA.Curl, "fallback")]
    public async Task ApplyAsync_UserAgent_RoutesToMatchingRouteOrFallback(string userAgent, string expected)
    {
        Assert.Equal([expected], await Route(Routes(), ("User-Agent", userAgent)));
    }

    [Fact]
    public async Task ApplyAsync_NoUserAgent_Fallback()
    {
        Assert.Equal(["fallback"], await Route(Routes()));
    }

    [Fact]
    public async Task ApplyAsync_ListOfBrowsers_MatchesAnyOfThem()
    {
        var builder = Builder().Add("gecko-or-bot", metadata: Browsers("Firefox", "Bot")).Add("fallback");

        Assert.Equal(["gecko-or-bot"], await Route(builder, ("User-Agent", UA.FirefoxLinux)));
        Assert.Equal(["gecko-or-bot"], await Route(builder, ("User-Agent", UA.Bingbot)));
        Assert.Equal(["fallback"], await Route(builder, ("User-Agent", UA.ChromeLinux)));
    }

    [Fact]
    public async Task ApplyAsync_DesktopRoute_TakesDesktopBrowsersOnly()
    {
        var builder = Builder().Add("desktop", metadata: Browsers("Desktop")).Add("fallback");

        Assert.Equal(["desktop"], await Route(builder, ("User-Agent", UA.FirefoxWindows)));
        Assert.Equal(["fallback"], await Route(builder, ("User-Agent", UA.FirefoxAndroid)));
        Assert.Equal(["fallback"], await Route(builder, ("User-Agent", UA.Curl)));
    }

    [Fact]
    public async Task ApplyAsync_ClientHintsNameEdge_EdgeRouteEvenWithChromeUserAgent()
    {
        var winners = await Route(Routes(),
            ("User-Agent", UA.ChromeWindows),
            ("Sec-CH-UA", "\"Chromium\";v=\"124\", \"Microsoft Edge\";v=\"124\", \"Not-A.Brand\";v=\"99\""),
            ("Sec-CH-UA-Mobile", "?0"));

        Assert.Equal(["edge"], winners);
    }

    [Fact]
    public async Task ApplyAsync_FallbackWithLowerOrder_StillLosesWhenBrowserMatches()
    {
        var builder = Builder().Add("fallback", order: -10).Add("mobile", order: 10, metadata: Browsers("Mobile"));

        Assert.Equal(["mobile"], await Route(builder, ("User-Agent", UA.SafariIPhone)));
        Assert.Equal(["fallback"], await Route(builder, ("User-Agent", UA.SafariMac)));
    }

    [Fact]
    public async Task ApplyAsync_MalformedHints_CountedPerHeader()
    {
        await Route(Routes(), ("User-Agent", UA.ChromeAndroid), ("Sec-CH-UA", "Chrome"), ("Sec-CH-UA-Mobile", "yes"));

        Assert.Equal(["Sec-CH-UA", "Sec-CH-UA-Mobile"], _metering.MalformedHeaders.Order());
    }

    [Fact]
    public async Task ApplyAsync_OversizedUserAgent_FallbackAndCounted()
    {
        var winners = await Route(Routes(), ("User-Agent", UA.EdgeWindows + new string('x', BrowserClassifier.MaxUserAgentLength)));

        Assert.Equal(["fallback"], winners);
        Assert.Equal(["User-Agent"], _metering.MalformedHeaders);
    }

    [Fact]
    public async Task ApplyAsync_BrowserRouteCandidate_RecordsVaryUserAgent()
    {
        var context = CandidateSetBuilder.Request(("User-Agent", UA.Curl));
        await _policy.ApplyAsync(context, Routes().Build());

        Assert.Equal(RoutingVary.UserAgent, context.Features.Get<RoutingVaryFeature>()?.Headers);
    }

    [Fact]
    public void AppliesToEndpoints_OnlyWhenSomeEndpointHasBrowsers()
    {
        var plain = new Endpoint(null, new EndpointMetadataCollection(), "plain");
        var edge = new Endpoint(null, new EndpointMetadataCollection(Browsers("Edge")), "edge");

        Assert.False(_policy.AppliesToEndpoints([plain]));
        Assert.True(_policy.AppliesToEndpoints([plain, edge]));
    }

    [Fact]
    public void BrowserRouteMetadata_Names_CaseInsensitiveUnknownIgnored()
    {
        Assert.Equal(BrowserClass.Edge | BrowserClass.Mobile, Browsers("edge", "MOBILE", "Netscape").Browsers);
    }
}
