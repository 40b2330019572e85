using L7Gate.Proxy.Tests.Routing.Dfa;
using Yarp.ReverseProxy.Configuration;
using static L7Gate.Proxy.Tests.Routing.Dfa.RoutingPipeline;

namespace L7Gate.Proxy.Tests.Routing.Headers;

/// <summary>
/// YARP <c>ExactHeader</c> routes built into the DFA (HeaderNodePolicy) through the real routing pipeline:
/// the same decisions as YARP's own header policy alone (every mode, case sensitivity, lists, quotes,
/// repeated lines), with a candidate set that does not grow with the routes.
/// </summary>
public sealed class HeaderNodePolicyTests(HeaderNodePolicyTests.Pipelines pipelines) : IClassFixture<HeaderNodePolicyTests.Pipelines>
{
    private const int Many = 1000;

    /// <summary>The 1,000-route pipelines, built once for the class.</summary>
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
            routes.Add(Route($"h{i}", headers: [Exact("X-Tenant", values: $"t{i}")]));
        }

        routes.AddRange(
        [
            Route("case-sensitive", headers: [Exact("X-Tenant", caseSensitive: true, "CaseSens")]),
            Route("multi", headers: [Exact("X-Tenant", values: ["m1", "m2"])]),
            Route("t5-prod", order: -1, headers: [Exact("X-Tenant", values: "t5"), Exact("X-Env", values: "prod")]),
            Route("prefix", headers: [new RouteHeader { Name = "X-Tenant", Values = ["pre"], Mode = HeaderMatchMode.HeaderPrefix }]),
            Route("env-stage", order: 5, headers: [Exact("x-env", values: "stage")]),
            Route("tie-a", order: 7, headers: [Exact("X-Tenant", values: "tie")]),
            Route("tie-b", order: 7, headers: [Exact("X-Tenant", values: "TIE")]),
            Route("fallback", order: 1000),

            // Header routes mixed with path routes.
            // Header routes mixed with path routes (Order first, then path precedence, as in YARP).
            Route("api-t1", "/api/{**rest}", order: -20, headers: [Exact("X-Tenant", values: "t1")]),
            Route("api", "/api/{**rest}", order: -10),
            Route("items", "/api/items", order: -30),
            Route("lang-en", "/l/{**rest}", order: 100, languages: "en"),
            Route("l-t2", "/l/{**rest}", order: -5, headers: [Exact("X-Tenant", values: "t2")]),
        ]);
        return routes;
    }

    private static readonly (string Name, string Value)[][] HeaderSets =
    [
        [], [("X-Tenant", "")], [("X-Tenant", "t0")], [("X-Tenant", "t999")], [("X-Tenant", "T999")], [("X-Tenant", "casesens")],
        [("X-Tenant", "CaseSens")], [("X-Tenant", "m2")], [("X-Tenant", "t1, t2")], [("X-Tenant", "t3,bogus")], [("X-Tenant", "\"t3\"")],
        [("X-Tenant", "prefix-x")], [("X-Tenant", "pre")], [("X-Tenant", "t5"), ("X-Env", "prod")], [("X-Tenant", "t5"), ("X-Env", "PROD")],
        [("X-Env", "stage")], [("X-Tenant", "t1"), ("X-Tenant", "t2")], [("X-Tenant", "unknown")], [("X-Tenant", "tie")],
        [("X-Tenant", "t1; q")], [("x-tenant", "t2")], [("X-Tenant", "t2"), ("Accept-Language", "en")], [("Accept-Language", "en")],
    ];

    [Fact]
    public async Task Route_ManyHeaderRoutes_SameDecisionsAsYarpAlone()
    {
        await Equivalence.AssertSameAsync(
            pipelines.Pruned, pipelines.Baseline, Equivalence.Cross(["/x", "/api/x", "/api/items", "/l/x"], HeaderSets));
    }

    [Theory]
    [InlineData("t0", "h0")]
    [InlineData("t999", "h999")]
    [InlineData("T999", "h999")] // YARP compares case-insensitively unless asked
    [InlineData("CaseSens", "case-sensitive")]
    [InlineData("casesens", "fallback")]
    [InlineData("m2", "multi")]
    [InlineData("pre-x", "prefix")] // another mode, on the same header, still YARP's
    [InlineData("\"t3\"", "h3")] // quoted: YARP unquotes
    [InlineData("unknown", "fallback")]
    [InlineData("tie", "(ambiguous)")] // same Order, same criteria count: ambiguous in YARP too
    public async Task Route_ManyHeaderRoutes_YarpWinnerWithFewCandidates(string tenant, string expected)
    {
        var decision = await pipelines.Pruned.RouteAsync("/x", ("X-Tenant", tenant));

        Assert.Equal(expected, decision.Route);
        if (!tenant.Contains('"', StringComparison.Ordinal))
        {
            Assert.InRange(decision.Candidates, 1, 6);
        }
    }

    [Fact]
    public async Task Route_TwoHeaderRoute_BeatsOneHeaderRouteOnlyWithBoth()
    {
        Assert.Equal("t5-prod", (await pipelines.Pruned.RouteAsync("/x", ("X-Tenant", "t5"), ("X-Env", "prod"))).Route);
        Assert.Equal("h5", (await pipelines.Pruned.RouteAsync("/x", ("X-Tenant", "t5"), ("X-Env", "test"))).Route);
    }

    [Theory]
    [InlineData("/api/x", "t1", "api-t1")]
    [InlineData("/api/x", "t0", "api")]
    [InlineData("/api/items", "t1", "items")] // a literal path outranks both
    [InlineData("/l/x", "t2", "l-t2")]
    public async Task Route_HeaderRoutesMixedWithPathRoutes_PathPrecedenceKept(string path, string tenant, string expected)
    {
        Assert.Equal(expected, (await pipelines.Pruned.RouteAsync(path, ("X-Tenant", tenant))).Route);
    }

    [Fact]
    public async Task Route_WithoutNodePolicies_CandidatesGrowWithRoutes()
    {
        var decision = await pipelines.Baseline.RouteAsync("/x", ("X-Tenant", "t999"));

        Assert.Equal("h999", decision.Route);
        Assert.True(decision.Candidates > Many, $"{decision.Candidates} candidates");
    }
}
