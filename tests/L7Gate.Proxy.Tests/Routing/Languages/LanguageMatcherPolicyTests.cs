using L7Gate.Proxy.Routing.Browsers;
using L7Gate.Proxy.Routing.Languages;
using L7Gate.Proxy.Routing.Vary;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging.Abstractions;
using UA = L7Gate.Proxy.Tests.Routing.Browsers.RealUserAgents;

namespace L7Gate.Proxy.Tests.Routing.Languages;

public sealed class LanguageMatcherPolicyTests : IDisposable
{
    private readonly MeteringFixture _metering = new();
    private readonly LanguageMatcherPolicy _policy;

    public LanguageMatcherPolicyTests()
    {
        _policy = new LanguageMatcherPolicy(_metering.Metrics, NullLogger<LanguageMatcherPolicy>.Instance);
    }

    public void Dispose() => _metering.Dispose();

    // Scored as the DFA scores them, with this policy's comparer.
    private static CandidateSetBuilder Builder() => new(new LanguageMetadataComparer());

    private static LanguageRouteMetadata Langs(params string[] tags) => new(tags);

    // The usual setup: language routes and a fallback on the same path, all Order 0.
    private static CandidateSetBuilder ZhEnFallback() => Builder()
        .Add("zh", metadata: Langs("zh-CN", "zh"))
        .Add("en", metadata: Langs("en"))
        .Add("fallback");

    private async Task<IReadOnlyList<string>> Route(CandidateSetBuilder builder, string? acceptLanguage)
    {
        var context = acceptLanguage is null
            ? CandidateSetBuilder.Request()
            : CandidateSetBuilder.Request(("Accept-Language", acceptLanguage));
        var set = builder.Build();
        await _policy.ApplyAsync(context, set);
        return CandidateSetBuilder.Winners(set);
    }

    [Theory]
    [InlineData("zh-TW", "zh")]
    [InlineData("zh-CN", "zh")]
    [InlineData("zh", "zh")]
    [InlineData("ZH-hk", "zh")]
    [InlineData("en", "en")]
    [InlineData("en-GB,en;q=0.9", "en")]
    [InlineData("fr", "fallback")]
    [InlineData("fr-FR,fr;q=0.9", "fallback")]
    public async Task ApplyAsync_SingleLanguage_RoutesToMatchingRouteOrFallback(string header, string expected)
    {
        Assert.Equal([expected], await Route(ZhEnFallback(), header));
    }

    [Theory]
    [InlineData("en;q=0.5, zh;q=0.8", "zh")]
    [InlineData("zh;q=0.5, en;q=0.8", "en")]
    [InlineData("fr, en;q=0.2, zh;q=0.1", "en")] // fr matches nothing; the next range decides
    [InlineData("zh;q=0.5, en;q=0.5", "zh")] // tie: header order
    [InlineData("en;q=0.5, zh;q=0.5", "en")]
    [InlineData("en;q=0.001, zh;q=0", "en")]
    public async Task ApplyAsync_QValues_HighestMatchingRangeDecides(string header, string expected)
    {
        Assert.Equal([expected], await Route(ZhEnFallback(), header));
    }

    [Theory]
    [InlineData("zh;q=0")]
    [InlineData("zh;q=0, en;q=0")]
    [InlineData("zh;q=0.000")]
    public async Task ApplyAsync_OnlyQZeroRanges_Fallback(string header)
    {
        Assert.Equal(["fallback"], await Route(ZhEnFallback(), header));
    }

    [Fact]
    public async Task ApplyAsync_Wildcard_MatchesFirstLanguageRoute()
    {
        Assert.Equal(["zh"], await Route(ZhEnFallback(), "fr, *;q=0.5"));
    }

    [Fact]
    public async Task ApplyAsync_WildcardWithQZeroExclusion_SkipsExcludedRoute()
    {
        Assert.Equal(["en"], await Route(ZhEnFallback(), "*, zh;q=0"));
    }

    [Theory]
    [InlineData("zh-TW, zh;q=0", "fallback")] // zh-TW reaches the zh route only by truncation; zh is refused
    [InlineData("zh-TW, zh;q=0, en;q=0.5", "en")]
    [InlineData("zh-CN, zh;q=0", "zh")] // the zh route also serves zh-CN, which the client names
    [InlineData("zh, zh-CN;q=0", "zh")] // the route's other tag (zh) is still acceptable
    [InlineData("zh-TW, *;q=0", "fallback")]
    public async Task ApplyAsync_QZeroRangeRulesOutRouteTag_UnlessNamedMoreSpecifically(string header, string expected)
    {
        Assert.Equal([expected], await Route(ZhEnFallback(), header));
    }

    [Fact]
    public async Task ApplyAsync_QZeroRange_MoreSpecificRouteTagStillServes()
    {
        var builder = Builder()
            .Add("zh", metadata: Langs("zh"))
            .Add("zh-TW", metadata: Langs("zh-TW"))
            .Add("fallback");

        Assert.Equal(["zh-TW"], await Route(builder, "zh-TW, zh;q=0"));
        Assert.Equal(["fallback"], await Route(builder, "zh-HK, zh;q=0"));
    }

    [Fact]
    public async Task ApplyAsync_MoreThanMaxRanges_WholeHeaderIgnoredFallbackAndCounted()
    {
        // 33 short ranges, well under the length limit: the range count alone rejects the header.
        var header = "zh," + string.Join(",", Enumerable.Range(0, AcceptLanguageParser.MaxRanges).Select(i => $"x-l{i};q=0.5"));
        Assert.True(header.Length < AcceptLanguageParser.MaxHeaderLength);

        Assert.Equal(["fallback"], await Route(ZhEnFallback(), header));
        Assert.Equal(["Accept-Language"], _metering.MalformedHeaders);
    }

    [Fact]
    public async Task ApplyAsync_RouteTagWildcard_MatchesAnyRangeButLosesToExplicitHigherRange()
    {
        var builder = Builder()
            .Add("any", metadata: Langs("*"))
            .Add("fallback");

        Assert.Equal(["any"], await Route(builder, "fr"));
        Assert.Equal(["fallback"], await Route(builder, null));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("zh_CN")]
    [InlineData("zh;q=2")]
    public async Task ApplyAsync_NoOrMalformedHeader_Fallback(string? header)
    {
        Assert.Equal(["fallback"], await Route(ZhEnFallback(), header));
    }

    [Fact]
    public async Task ApplyAsync_MalformedHeader_CountedOnMeter()
    {
        await Route(ZhEnFallback(), "zh_CN");

        Assert.Equal(["Accept-Language"], _metering.MalformedHeaders);
    }

    [Fact]
    public async Task ApplyAsync_OversizedHeader_FallbackAndCounted()
    {
        var header = "zh," + string.Join(",", Enumerable.Repeat("en-US;q=0.5", 120));

        Assert.Equal(["fallback"], await Route(ZhEnFallback(), header));
        Assert.Equal(["Accept-Language"], _metering.MalformedHeaders);
    }

    [Fact]
    public async Task ApplyAsync_ManyRangesWithinLimits_LastRangeStillConsidered()
    {
        var header = string.Join(",", Enumerable.Range(0, 31).Select(i => $"x-l{i}")) + ",en;q=0.1";

        Assert.Equal(["en"], await Route(ZhEnFallback(), header));
        Assert.Empty(_metering.MalformedHeaders);
    }

    [Fact]
    public async Task ApplyAsync_WellFormedHeader_NotCounted()
    {
        await Route(ZhEnFallback(), "fr");

        Assert.Empty(_metering.MalformedHeaders);
    }

    [Fact]
    public async Task ApplyAsync_NoLanguageRouteAtAll_LeavesCandidatesAlone()
    {
        var builder = Builder().Add("a").Add("b", order: 1);

        Assert.Equal(["a"], await Route(builder, "zh"));
    }

    [Fact]
    public async Task ApplyAsync_NoFallback_NoMatchLeavesNoCandidate()
    {
        var builder = Builder().Add("zh", metadata: Langs("zh"));

        Assert.Empty(await Route(builder, "en"));
    }

    [Fact]
    public async Task ApplyAsync_FallbackWithLowerOrder_StillLosesWhenLanguageMatches()
    {
        var builder = Builder()
            .Add("fallback", order: -10)
            .Add("zh", order: 5, metadata: Langs("zh"));

        Assert.Equal(["zh"], await Route(builder, "zh-TW"));
        Assert.Equal(["fallback"], await Route(builder, "en"));
    }

    [Fact]
    public async Task ApplyAsync_MoreSpecificPathWithoutLanguages_KeepsWinningOnOrder()
    {
        // /api has its own route: a language route on the catch-all must not steal it.
        var builder = Builder()
            .Add("api", path: "/api/{**rest}", order: 0)
            .Add("zh", path: "/{**catch-all}", order: 10, metadata: Langs("zh"))
            .Add("fallback", path: "/{**catch-all}", order: 10);

        Assert.Equal(["api"], await Route(builder, "zh"));
    }

    [Fact]
    public async Task ApplyAsync_SeveralRoutesMatchDecidingRange_OrderDecides()
    {
        var builder = Builder()
            .Add("zh-generic", order: 2, metadata: Langs("zh"))
            .Add("zh-tw", order: 1, metadata: Langs("zh-TW"))
            .Add("fallback");

        Assert.Equal(["zh-tw"], await Route(builder, "zh-TW"));
        Assert.Equal(["zh-generic"], await Route(builder, "zh-CN"));
    }

    [Fact]
    public async Task ApplyAsync_SeveralRoutesMatchAtSameOrder_MoreSpecificTagWins()
    {
        var builder = Builder()
            .Add("zh-generic", metadata: Langs("zh"))
            .Add("zh-tw", metadata: Langs("zh-TW", "zh-HK"))
            .Add("fallback");

        Assert.Equal(["zh-tw"], await Route(builder, "zh-TW"));
        Assert.Equal(["zh-tw"], await Route(builder, "zh-HK"));
        Assert.Equal(["zh-generic"], await Route(builder, "zh-SG"));
    }

    [Fact]
    public async Task ApplyAsync_FirstMatchingRangeDecidesEvenIfLaterRangeIsMoreSpecific()
    {
        var builder = Builder()
            .Add("zh-generic", metadata: Langs("zh"))
            .Add("zh-tw", metadata: Langs("zh-TW"))
            .Add("fallback");

        // zh (q=1) decides; zh-TW (q=0.9) is never considered and "zh" does not match route tag zh-TW.
        Assert.Equal(["zh-generic"], await Route(builder, "zh, zh-TW;q=0.9"));
    }

    [Fact]
    public async Task ApplyAsync_WildcardAtSameOrder_PicksOneRouteNotAmbiguous()
    {
        Assert.Single(await Route(ZhEnFallback(), "*"));
    }

    [Fact]
    public async Task ApplyAsync_CandidateInvalidatedByEarlierPolicy_NotConsidered()
    {
        var set = ZhEnFallback().Build();
        set.SetValidity(0, false); // e.g. a YARP header matcher already ruled "zh" out
        await _policy.ApplyAsync(CandidateSetBuilder.Request(("Accept-Language", "zh, en;q=0.5")), set);

        Assert.Equal(["en"], CandidateSetBuilder.Winners(set));
    }

    [Fact]
    public async Task ApplyAsync_MultipleHeaderLines_TreatedAsOneList()
    {
        var context = CandidateSetBuilder.Request(("Accept-Language", "fr"), ("Accept-Language", "en;q=0.5"));
        var set = ZhEnFallback().Build();
        await _policy.ApplyAsync(context, set);

        Assert.Equal(["en"], CandidateSetBuilder.Winners(set));
    }

    [Theory]
    [InlineData("zh")]
    [InlineData("fr")]
    [InlineData(null)]
    public async Task ApplyAsync_LanguageRouteCandidate_RecordsVaryAcceptLanguage(string? header)
    {
        var context = header is null ? CandidateSetBuilder.Request() : CandidateSetBuilder.Request(("Accept-Language", header));
        await _policy.ApplyAsync(context, ZhEnFallback().Build());

        Assert.Equal(RoutingVary.AcceptLanguage, context.Features.Get<RoutingVaryFeature>()?.Headers);
    }

    [Fact]
    public async Task ApplyAsync_NoLanguageCandidate_RecordsNothing()
    {
        var context = CandidateSetBuilder.Request(("Accept-Language", "zh"));
        await _policy.ApplyAsync(context, Builder().Add("plain").Build());

        Assert.Null(context.Features.Get<RoutingVaryFeature>());
    }

    [Fact]
    public async Task ApplyAsync_PlainRouteOutranksLanguageRoutes_RecordsNothing()
    {
        var builder = Builder()
            .Add("api", path: "/api/{**rest}", order: 0)
            .Add("zh", path: "/{**catch-all}", order: 10, metadata: Langs("zh"))
            .Add("fallback", path: "/{**catch-all}", order: 10);
        var context = CandidateSetBuilder.Request(("Accept-Language", "zh"));

        await _policy.ApplyAsync(context, builder.Build());

        Assert.Null(context.Features.Get<RoutingVaryFeature>());
    }

    [Fact]
    public async Task ApplyAsync_FallbackOutranksPlainRouteButLanguageCanRemoveIt_RecordsVary()
    {
        // Without a language match "fallback" (Order -10) wins; with one, "zh" removes it and "other" wins.
        var builder = Builder()
            .Add("other", path: "/{**rest}", order: 0)
            .Add("fallback", path: "/{**catch-all}", order: -10)
            .Add("zh", path: "/{**catch-all}", order: 10, metadata: Langs("zh"));
        var context = CandidateSetBuilder.Request(("Accept-Language", "zh"));
        var set = builder.Build();

        await _policy.ApplyAsync(context, set);

        Assert.Equal(["other"], CandidateSetBuilder.Winners(set));
        Assert.Equal(RoutingVary.AcceptLanguage, context.Features.Get<RoutingVaryFeature>()?.Headers);
    }

    [Theory]
    [InlineData(false, true)] // a non-mobile client loses /m: the catch-all language routes answer
    [InlineData(true, false)] // /m has its own fallback: language never decides there
    public async Task ApplyAsync_BrowserRoutesInFront_RecordsVaryOnlyIfTheyCanVanish(bool browserFallback, bool expectVary)
    {
        var builder = new CandidateSetBuilder(new LanguageMetadataComparer(), new BrowserMetadataComparer())
            .Add("mobile", path: "/m/{**rest}", metadata: new BrowserRouteMetadata(["Mobile"]))
            .Add("zh", metadata: Langs("zh"))
            .Add("fallback");
        if (browserFallback)
        {
            builder.Add("m-default", path: "/m/{**rest}");
        }

        var context = CandidateSetBuilder.Request(("Accept-Language", "zh"));
        await _policy.ApplyAsync(context, builder.Build());

        Assert.Equal(expectVary, context.Features.Get<RoutingVaryFeature>() is not null);
    }

    [Theory]
    [InlineData(UA.Googlebot, "bots")] // Bot at Order 90 beats en at Order 101
    [InlineData(UA.ChromeLinux, "en")]
    public async Task ApplyAsync_BrowserRouteOnSamePath_IsNotAFallbackAndKeepsItsOrder(string userAgent, string expected)
    {
        var builder = new CandidateSetBuilder(new LanguageMetadataComparer(), new BrowserMetadataComparer())
            .Add("bots", order: 90, metadata: new BrowserRouteMetadata(["Bot"]))
            .Add("en", order: 101, metadata: Langs("en"))
            .Add("fallback", order: 1000);
        var context = CandidateSetBuilder.Request(("Accept-Language", "en"), ("User-Agent", userAgent));
        var set = builder.Build();
        var browserPolicy = new BrowserMatcherPolicy(new BrowserClassifier(), _metering.Metrics, NullLogger<BrowserMatcherPolicy>.Instance);

        await _policy.ApplyAsync(context, set);
        await browserPolicy.ApplyAsync(context, set);

        Assert.Equal([expected], CandidateSetBuilder.Winners(set));
    }

    [Fact]
    public void AppliesToEndpoints_OnlyWhenSomeEndpointHasLanguages()
    {
        Endpoint Plain() => new(null, new EndpointMetadataCollection(), "plain");
        Endpoint WithLanguages() => new(null, new EndpointMetadataCollection(Langs("zh")), "zh");

        Assert.False(_policy.AppliesToEndpoints([Plain(), Plain()]));
        Assert.True(_policy.AppliesToEndpoints([Plain(), WithLanguages()]));
    }

    [Fact]
    public void Comparer_LanguageRouteRanksAheadOfPlainRoute()
    {
        var plain = new Endpoint(null, new EndpointMetadataCollection(), "plain");
        var zh = new Endpoint(null, new EndpointMetadataCollection(Langs("zh")), "zh");

        Assert.True(_policy.Comparer.Compare(zh, plain) < 0);
        Assert.Equal(0, _policy.Comparer.Compare(zh, new Endpoint(null, new EndpointMetadataCollection(Langs("en")), "en")));
    }
}
