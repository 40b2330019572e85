using L7Gate.Proxy.Routing.Dfa;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing.Matching;

namespace L7Gate.Proxy.Routing.Headers;

/// <summary>
/// Puts YARP's <c>Match.Headers</c> in <c>ExactHeader</c> mode into ASP.NET Core's DFA: at a node where
/// routes ask for exact values of one header, the request's value is looked up in a hash table (one lookup
/// whatever the number of routes) and only the routes that accept it, plus the routes without an exact
/// criterion on that header, stay candidates. The header with most such routes is chosen per node.
/// </summary>
/// <remarks>
/// YARP's own <c>HeaderMatcherPolicy</c> still runs afterwards, on the few candidates left, and stays the
/// authority on every mode (case sensitivity, prefix, contains, exists): this table compares
/// case-insensitively and keeps a superset. A value YARP would split (a comma, a quote, a semicolon) or a
/// header sent on several lines takes the edge that keeps every route, so YARP decides as before.
/// Like nginx's <c>map $http_x_tenant</c> (a hash) rather than HAProxy's ACL list (one test per rule).
/// </remarks>
internal sealed class HeaderNodePolicy(PruningBudget budget) : PruningNodePolicy(budget)
{
    private const string AllId = "header:*";
    private const string OtherId = "header:other";

    /// <summary>After ASP.NET Core's method (-1000) and host (-100) policies, next to YARP's header policy (-50).</summary>
    public override int Order => -45;

    private protected override bool CanSplit(IReadOnlyList<Endpoint> endpoints) => ChooseHeader(endpoints) is not null;

    private protected override IReadOnlyList<PolicyNodeEdge> BuildEdges(IReadOnlyList<Endpoint> endpoints)
    {
        var header = ChooseHeader(endpoints);
        if (header is null)
        {
            return [];
        }

        // Value (first spelling kept, in the order the routes name them) -> the endpoints that accept it.
        var byValue = new Dictionary<string, List<int>>(StringComparer.OrdinalIgnoreCase);
        var values = new List<string>();
        var other = new List<Endpoint>();
        var otherIndexes = new List<int>();
        for (var i = 0; i < endpoints.Count; i++)
        {
            var accepted = Accepted(RouteFacts.Of(endpoints[i]), header);
            if (accepted is null)
            {
                other.Add(endpoints[i]);
                otherIndexes.Add(i);
                continue;
            }

            foreach (var value in accepted)
            {
                if (!byValue.TryGetValue(value, out var list))
                {
                    byValue[value] = list = [];
                    values.Add(value);
                }

                list.Add(i);
            }
        }

        var edges = new List<PolicyNodeEdge>(values.Count + 2);
        foreach (var value in values)
        {
            var picked = new List<int>(otherIndexes.Count + byValue[value].Count);
            picked.AddRange(otherIndexes);
            picked.AddRange(byValue[value]);
            picked.Sort();
            edges.Add(new PolicyNodeEdge(new PolicyEdgeState("header:=" + value, (header, value)), picked.ConvertAll(i => endpoints[i])));
        }

        edges.Add(new PolicyNodeEdge(new PolicyEdgeState(OtherId, header), other));
        edges.Add(new PolicyNodeEdge(new PolicyEdgeState(AllId, header), endpoints.ToList()));
        return edges;
    }

    private protected override PolicyJumpTable CreateJumpTable(
        int exitDestination, IReadOnlyList<PolicyJumpTableEdge> edges, IReadOnlyDictionary<string, int> byId)
    {
        string? header = null;
        var byValue = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var edge in edges)
        {
            if (((PolicyEdgeState)edge.State).Payload is ValueTuple<string, string> pair)
            {
                header = pair.Item1;
                byValue[pair.Item2] = edge.Destination;
            }
        }

        header ??= (string)((PolicyEdgeState)edges[0].State).Payload!;
        return new HeaderJumpTable(
            header,
            byValue,
            byId.GetValueOrDefault(OtherId, exitDestination),
            byId.GetValueOrDefault(AllId, exitDestination));
    }

    // The exact values an endpoint accepts on `header` (union over its criteria on it), or null for none.
    private static HashSet<string>? Accepted(RouteFacts facts, string header)
    {
        HashSet<string>? accepted = null;
        foreach (var criterion in facts.ExactHeaders)
        {
            if (string.Equals(criterion.Name, header, StringComparison.OrdinalIgnoreCase))
            {
                accepted ??= new HashSet<string>(StringComparer.OrdinalIgnoreCase);
                accepted.UnionWith(criterion.Values.Where(static v => !string.IsNullOrEmpty(v)));
            }
        }

        return accepted is { Count: > 0 } ? accepted : null;
    }

    // The header named in exact criteria by most endpoints of the node (first seen on a tie); null when none is.
    private static string? ChooseHeader(IReadOnlyList<Endpoint> endpoints)
    {
        var counts = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        string? best = null;
        var bestCount = 0;
        foreach (var endpoint in endpoints)
        {
            foreach (var name in RouteFacts.Of(endpoint).ExactHeaders.Select(static c => c.Name).Distinct(StringComparer.OrdinalIgnoreCase))
            {
                var count = counts[name] = counts.GetValueOrDefault(name) + 1;
                if (count > bestCount)
                {
                    best = name;
                    bestCount = count;
                }
            }
        }

        return best;
    }
}
