using System.Reflection;
using L7Gate.Proxy.Routing.Vary;
using L7Gate.Proxy.Tests.Routing.Dfa;
using Yarp.ReverseProxy.Configuration;
using static L7Gate.Proxy.Tests.Routing.Dfa.RoutingPipeline;

namespace L7Gate.Proxy.Tests.Routing.Browsers;

/// <summary>
/// Browser routing built into the DFA (BrowserNodePolicy) through the real routing pipeline: the same
/// decisions as the selector policy alone, over every real User-Agent the classifier tests use, with a
/// candidate set that does not grow with the routes.
/// </summary>
public sealed class BrowserNodePolicyTests(BrowserNodePolicyTests.Pipelines pipelines) : IClassFixture<BrowserNodePolicyTests.Pipelines>
{
    private const int Many = 200;
    private static readonly string[] Names = ["Chrome", "Edge", "Firefox", "Safari", "Opera", "Mobile", "Desktop", "Bot", "Edge,Mobile", "Safari,Firefox"];

    /// <summary>The pipelines, built once for the class.</summary>
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

    private static List<RouteConfig> Routes()
    {
        var routes = new List<RouteConfig>();
        for (var i = 0; i < Many; i++)
        {
            routes.Add(Route($"b{i}", "/b/{**rest}", order: 100 + i, browsers: Names[i % Names.Length]));
        }

        // Ties: at equal Order a family match beats a class match, then the first route. (Few routes: with
        // many, ASP.NET Core's unstable sort decides which of two equal endpoints is "first" without the
        // node policies; with them it is always the first in config order.)
        for (var i = 0; i < 9; i++)
        {
            routes.Add(Route($"t{i}", "/t/{**rest}", order: 100 + (i % 3), browsers: Names[i]));
        }

        routes.AddRange(
        [
            Route("b-fallback", "/b/{**rest}", order: 1000),

            // No fallback of their own: when none matches, the catch-all's routes serve.
            Route("m-mobile", "/m/{**rest}", order: 40, browsers: "Mobile"),
            Route("m-bot", "/m/{**rest}", order: 40, browsers: "Bot"),
            Route("lang-zh", order: 100, languages: "zh"),
            Route("fallback", order: 1000),

            // Browser routes next to a plain route that ranks ahead and is not their fallback (another Match): no Vary.
            Route("p-plain", "/p/{*rest}", order: 0),
            Route("p-chrome", "/p/{**rest}", order: 10, browsers: "Chrome"),
        ]);
        return routes;
    }

    private static IEnumerable<(string Name, string Value)[]> Clients()
    {
        var agents = typeof(RealUserAgents).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .Select(f => (string)f.GetRawConstantValue()!);
        foreach (var agent in agents.Concat(["Googlebot/2.1 (+http://www.google.com/bot.html)", "curl/8.5.0", "", new string('x', 1100)]))
        {
            yield return [("User-Agent", agent)];
            yield return [("User-Agent", agent), ("Accept-Language", "zh")];
        }

        yield return [];
        yield return [("Sec-CH-UA", "\"Microsoft Edge\";v=\"124\", \"Chromium\";v=\"124\""), ("Sec-CH-UA-Mobile", "?1")];
        yield return [("User-Agent", RealUserAgents.ChromeWindows), ("Sec-CH-UA", "\"Brave\";v=\"124\""), ("Sec-CH-UA-Mobile", "?0")];
        yield return [("User-Agent", RealUserAgents.ChromeWindows), ("Sec-CH-UA", "not a list"), ("Sec-CH-UA-Mobile", "maybe")];
        yield return [("User-Agent", RealUserAgents.SafariIPhone), ("User-Agent", RealUserAgents.ChromeWindows)];
    }

    [Fact]
    public async Task Route_ManyBrowserRoutes_SameDecisionsAsSelectorAlone()
    {
        var decisions = await Equivalence.AssertSameAsync(
            pipelines.Pruned, pipelines.Baseline, Equivalence.Cross(["/b/x", "/t/x", "/m/x", "/p/x", "/x"], Clients()));

        Assert.Contains(decisions, d => d.Route.StartsWith('b') && d.Route != "b-fallback");
        Assert.Contains(decisions, d => d.Route == "b-fallback");
        Assert.Contains(decisions, d => d.Route == "m-mobile");
    }

    [Theory]
    [InlineData(RealUserAgents.ChromeWindows, "b0")] // Order 100: Chrome (b0), a family match
    [InlineData(RealUserAgents.EdgeAndroid, "b1")] // Edge (b1), Mobile (b5), Edge+Mobile (b8): lowest Order
    [InlineData(RealUserAgents.FirefoxLinux, "b2")]
    [InlineData("curl/8.5.0", "b7")]
    [InlineData("", "b-fallback")]
    public async Task Route_ManyBrowserRoutes_DocumentedWinnerWithFewCandidates(string agent, string expected)
    {
        var decision = await pipelines.Pruned.RouteAsync("/b/x", ("User-Agent", agent));

        Assert.Equal(expected, decision.Route);
        Assert.Equal(RoutingVary.UserAgent, decision.Vary);
        Assert.InRange(decision.Candidates, 1, 5);
    }

    [Theory]
    [InlineData(RealUserAgents.ChromeWindows, "t0")] // Order 100: Chrome (t0, family) beats Desktop (t6, class only)
    [InlineData(RealUserAgents.EdgeAndroid, "t1")] // nothing at Order 100; Edge (t1) at 101 beats Mobile (t5) at 102
    [InlineData(RealUserAgents.SafariMac, "t3")] // Order 100: Safari (t3, family) beats Desktop (t6, class only)
    public async Task Route_SameOrderTies_FamilyMatchThenFirstRoute(string agent, string expected)
    {
        Assert.Equal(expected, (await pipelines.Pruned.RouteAsync("/t/x", ("User-Agent", agent))).Route);
    }

    [Fact]
    public async Task Route_WithoutNodePolicies_CandidatesGrowWithRoutes()
    {
        var decision = await pipelines.Baseline.RouteAsync("/b/x", ("User-Agent", RealUserAgents.ChromeWindows));

        Assert.Equal("b0", decision.Route);
        Assert.True(decision.Candidates > Many, $"{decision.Candidates} candidates");
    }

    [Fact]
    public async Task Route_PlainRouteAhead_NoVary()
    {
        var decision = await pipelines.Pruned.RouteAsync("/p/x", ("User-Agent", RealUserAgents.ChromeWindows));

        Assert.Equal(("p-plain", RoutingVary.None), (decision.Route, decision.Vary));
    }
}
