using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Matching;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.AspNetCore.Routing.Template;

namespace L7Gate.Proxy.Tests.Routing;

/// <summary>
/// Builds the CandidateSet ASP.NET Core's DFA matcher would hand a policy: real RouteEndpoints with a
/// route pattern, an Order and metadata, sorted and scored as the DFA does: by Order, then path
/// precedence, then the policies' comparers; equal endpoints share a score, scores are dense ranks from 0 (a negative
/// score would mean "invalid" to CandidateSet).
/// </summary>
internal sealed class CandidateSetBuilder(params IComparer<Endpoint>[] comparers)
{
    private readonly List<RouteEndpoint> _endpoints = [];

    public CandidateSetBuilder Add(string name, string path = "/{**catch-all}", int order = 0, params object[] metadata)
    {
        var endpoint = new RouteEndpoint(
            static _ => Task.CompletedTask,
            RoutePatternFactory.Parse(path),
            order,
            new EndpointMetadataCollection(metadata),
            name);
        _endpoints.Add(endpoint);
        return this;
    }

    public CandidateSet Build()
    {
        int Compare(RouteEndpoint x, RouteEndpoint y)
        {
            var c = x.Order.CompareTo(y.Order);
            c = c != 0 ? c : Precedence(x).CompareTo(Precedence(y));
            foreach (var comparer in comparers)
            {
                c = c != 0 ? c : comparer.Compare(x, y);
            }

            return c;
        }

        var sorted = _endpoints.Select((e, i) => (e, i)).OrderBy(p => p.e, Comparer<RouteEndpoint>.Create(Compare)).ThenBy(p => p.i).Select(p => p.e).ToArray();
        var scores = new int[sorted.Length];
        for (var i = 1; i < sorted.Length; i++)
        {
            scores[i] = scores[i - 1] + (Compare(sorted[i - 1], sorted[i]) == 0 ? 0 : 1);
        }

        return new CandidateSet(sorted, sorted.Select(static _ => new RouteValueDictionary()).ToArray(), scores);
    }

    // ASP.NET Core's inbound precedence: a literal segment beats a parameter beats a catch-all (lower first).
    private static decimal Precedence(RouteEndpoint endpoint) =>
        RoutePrecedence.ComputeInbound(TemplateParser.Parse(endpoint.RoutePattern.RawText!));

    /// <summary>What the default endpoint selector would pick: the valid candidates with the best score.</summary>
    public static IReadOnlyList<string> Winners(CandidateSet set)
    {
        var valid = Enumerable.Range(0, set.Count).Where(set.IsValidCandidate).ToList();
        if (valid.Count == 0)
        {
            return [];
        }

        var best = valid.Min(i => set[i].Score);
        return valid.Where(i => set[i].Score == best).Select(i => set[i].Endpoint.DisplayName!).ToList();
    }

    public static HttpContext Request(params (string Name, string Value)[] headers)
    {
        var context = new DefaultHttpContext();
        foreach (var (name, value) in headers)
        {
            context.Request.Headers.Append(name, value);
        }

        return context;
    }
}
