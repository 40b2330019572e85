using Yarp.ReverseProxy.Configuration;

namespace L7Gate.Proxy.Tests.Routing.Dfa;

/// <summary>
/// Runs the same requests through routing with and without the DFA node policies and asserts that every
/// decision (route, or none, or ambiguous; and the Vary record) is the same.
/// </summary>
internal static class Equivalence
{
    /// <summary>One request: path and query, and its headers.</summary>
    internal sealed record Request(string Path, params (string Name, string Value)[] Headers)
    {
        public override string ToString() => $"{Path} [{string.Join("; ", Headers.Select(h => $"{h.Name}: {h.Value}"))}]";
    }

    /// <summary>The decisions with node policies, after checking that each equals the one without.</summary>
    public static async Task<IReadOnlyList<RoutingPipeline.Decision>> AssertSameAsync(IReadOnlyList<RouteConfig> routes, IEnumerable<Request> requests)
    {
        await using var pruned = RoutingPipeline.Create(routes, nodePolicies: true);
        await using var baseline = RoutingPipeline.Create(routes, nodePolicies: false);
        return await AssertSameAsync(pruned, baseline, requests);
    }

    /// <summary>As above, on pipelines built by the caller (with and without node policies).</summary>
    public static async Task<IReadOnlyList<RoutingPipeline.Decision>> AssertSameAsync(RoutingPipeline pruned, RoutingPipeline baseline, IEnumerable<Request> requests)
    {
        var decisions = new List<RoutingPipeline.Decision>();
        var mismatches = new List<string>();
        foreach (var request in requests)
        {
            var expected = await baseline.RouteAsync(request.Path, request.Headers);
            var actual = await pruned.RouteAsync(request.Path, request.Headers);
            if (expected.Route != actual.Route || expected.Vary != actual.Vary)
            {
                mismatches.Add($"{request}: without node policies {expected}, with {actual}");
            }

            decisions.Add(actual);
        }

        Assert.True(mismatches.Count == 0, string.Join('\n', mismatches));
        return decisions;
    }

    /// <summary>Every combination of the paths and the header sets.</summary>
    public static IEnumerable<Request> Cross(IEnumerable<string> paths, IEnumerable<(string Name, string Value)[]> headerSets)
    {
        var sets = headerSets.ToList();
        return paths.SelectMany(p => sets.Select(h => new Request(p, h)));
    }
}
