using L7Gate.Proxy.Routing.Vary;
using L7Gate.Proxy.Tests.Routing.Dfa;
using Yarp.ReverseProxy.Configuration;
using static L7Gate.Proxy.Tests.Routing.Dfa.RoutingPipeline;

namespace L7Gate.Proxy.Tests.Routing.Languages;

/// <summary>
/// Accept-Language routing built into the DFA (LanguageNodePolicy) through the real routing pipeline: the
/// same decisions as the selector policy alone, with a candidate set that does not grow with the routes.
/// </summary>
public sealed class LanguageNodePolicyTests(LanguageNodePolicyTests.Pipelines pipelines) : IClassFixture<LanguageNodePolicyTests.Pipelines>
{
    private const int Many = 1000;

    /// <summary>The 1,000-route pipelines, built once for the class (each build is a full DFA).</summary>
    public sealed class Pipelines : IAsyncDisposable
    {
        internal RoutingPipeline Pruned { get; } = Create(Routes());

        internal RoutingPipeline Baseline { get; } = Create(Routes(), nodePolicies: false);

        public async ValueTask DisposeAsync()
        {
            await Pruned.DisposeAsync();
            await Baseline.DisposeAsync();
        }
    }

    // Distinct valid primary subtags: aaa, aab, ...
    private static string Tag(int i) => new([(char)('a' + (i / 676 % 26)), (char)('a' + (i / 26 % 26)), (char)('a' + (i % 26))]);

    private static List<RouteConfig> Routes()
    {
        var routes = new List<RouteConfig>();
        for (var i = 0; i < Many; i++)
        {
            routes.Add(Route($"l{i}", order: 100, languages: Tag(i)));
        }

        routes.AddRange(
        [
            Route("zh", order: 100, languages: "zh"),
            Route("zh-tw", order: 100, languages: "zh-TW"),
            Route("zh-hant", order: 50, languages: "zh-Hant"),
            Route("en-first", order: 100, languages: "en"),
            Route("en-second", order: 100, languages: "en-GB"),
            Route("fallback", order: 1000),
            Route("api", "/api/{**rest}", order: 0),

            // A path whose language routes also have a query criterion: not split, the selector decides.
            Route("q-zh", "/q/{**rest}", order: 10, languages: "zh", query: [new RouteQueryParameter { Name = "v", Values = ["1"], Mode = QueryParameterMatchMode.Exact }]),
            Route("q-en", "/q/{**rest}", order: 20, languages: "en"),
            Route("q-fallback", "/q/{**rest}", order: 1000),

            // Route tag `*` next to explicit tags.
            Route("w-any", "/w/{**rest}", order: 900, languages: "*"),
            Route("w-fr", "/w/{**rest}", order: 100, languages: "fr"),
            Route("w-fallback", "/w/{**rest}", order: 1000),

            // No fallback: a client no route matches gets no endpoint.
            Route("n-de", "/n/{**rest}", languages: "de"),
            Route("n-it", "/n/{**rest}", languages: "it"),
        ]);
        return routes;
    }

    private static readonly string?[] Headers =
    [
        null, "", Tag(0), Tag(Many - 1), Tag(500) + "-CH", $"fr-CH, fr;q=0.9, {Tag(Many - 1)};q=0.8", "zh-TW", "zh-Hant-TW", "zh-Hant",
        "zh-CN", "ZH-tw", "en", "en-GB", "EN-gb-oed", "*", "*, en;q=0", $"*;q=0.5, {Tag(3)}", "xx-YY", "xx;q=0.9, en;q=0.5", "en;q=0",
        "de;q=0.1, it;q=0.2", "zh_CN", "en;q=0.5, zh;q=0.5", "zh;q=0.5, en;q=0.5", "fr", "fr-CA;q=0.3, *;q=0.1", "de",
        new string('a', 1100),
    ];

    private static IEnumerable<Equivalence.Request> Requests() =>
        Equivalence.Cross(
            ["/x", "/api/x", "/q/x", "/q/x?v=1", "/w/x", "/n/x"],
            Headers.Select(h => h is null ? Array.Empty<(string, string)>() : [("Accept-Language", h)]))
        .Append(new Equivalence.Request("/x", ("Accept-Language", "fr"), ("Accept-Language", "zh-TW")))
        .Append(new Equivalence.Request("/q/x?v=1", ("Accept-Language", "en;q=0.2"), ("Accept-Language", "zh;q=0.9")));

    [Fact]
    public async Task Route_ManyLanguageRoutes_SameDecisionsAsSelectorAlone()
    {
        await Equivalence.AssertSameAsync(pipelines.Pruned, pipelines.Baseline, Requests());
    }

    [Theory]
    [InlineData("zh-TW", "zh-tw")] // same Order: the more specific tag wins
    [InlineData("zh-Hant-TW", "zh-hant")] // lower Order wins over zh
    [InlineData("zh-CN", "zh")]
    [InlineData("en-GB", "en-second")] // same Order: en-GB is more specific than en-first's en
    [InlineData("en", "en-first")]
    [InlineData("aaa", "l0")]
    [InlineData("bml-CH", "l999")]
    [InlineData("fr-CH, fr;q=0.9, bml;q=0.8", "l999")] // first client range that matches a route decides
    [InlineData("xx;q=0.9, en;q=0.5", "en-first")]
    [InlineData("en;q=0.5, zh;q=0.5", "en-first")]
    [InlineData("xx", "fallback")]
    [InlineData("", "fallback")]
    [InlineData("zh_CN", "fallback")]
    public async Task Route_ManyLanguageRoutes_DocumentedWinnerWithFewCandidates(string header, string expected)
    {
        var decision = await pipelines.Pruned.RouteAsync("/x", ("Accept-Language", header));

        Assert.Equal(expected, decision.Route);
        Assert.Equal(RoutingVary.AcceptLanguage, decision.Vary);
        if (header != "zh_CN")
        {
            // The winner, one stand-in for the routes it beat, the fallback (and zh or en-second beside it).
            Assert.InRange(decision.Candidates, 1, 5);
        }
    }

    [Fact]
    public async Task Route_WithoutNodePolicies_CandidatesGrowWithRoutes()
    {
        // The check above measures something: without the DFA split every route is a candidate.
        var decision = await pipelines.Baseline.RouteAsync("/x", ("Accept-Language", "zh-TW"));

        Assert.Equal("zh-tw", decision.Route);
        Assert.True(decision.Candidates > Many, $"{decision.Candidates} candidates");
    }

    [Fact]
    public async Task Route_PlainPathRouteAhead_NoVary()
    {
        var decision = await pipelines.Pruned.RouteAsync("/api/x", ("Accept-Language", "zh-TW"));

        Assert.Equal(new Decision("api", RoutingVary.None, decision.Candidates), decision);
    }

    [Theory]
    [InlineData("de", "n-de")]
    [InlineData("de;q=0.1, it;q=0.2", "n-it")]
    [InlineData("fr", "fallback")] // /n/x is also under the catch-all, whose fallback serves it
    public async Task Route_NoFallback_MatchedRouteOrNone(string header, string expected)
    {
        Assert.Equal(expected, (await pipelines.Pruned.RouteAsync("/n/x", ("Accept-Language", header))).Route);
    }
}
