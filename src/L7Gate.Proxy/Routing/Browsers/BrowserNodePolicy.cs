using L7Gate.Proxy.Routing.Dfa;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing.Matching;

namespace L7Gate.Proxy.Routing.Browsers;

/// <summary>
/// Puts browser routing into ASP.NET Core's DFA. A client is one of a few dozen classes (at most one family,
/// plus Mobile, Desktop or Bot), so at a node with browser routes each possible class gets the edge of the
/// routes it matches (classes with the same routes share one); per request the client is classified once
/// (<see cref="BrowserClassificationFeature"/>) and one array lookup picks the edge.
/// <see cref="BrowserMatcherPolicy"/> then decides among the routes left exactly as before.
/// </summary>
internal sealed class BrowserNodePolicy(PruningBudget budget, BrowserClassifier classifier) : PruningNodePolicy(budget)
{
    private const string AllId = "browser:*";

    private static readonly BrowserClass[] Families =
        [BrowserClass.None, BrowserClass.Chrome, BrowserClass.Edge, BrowserClass.Firefox, BrowserClass.Safari, BrowserClass.Opera];

    /// <summary>Every class the jump table has an edge for: each family (or none) with each set of Mobile, Desktop, Bot.</summary>
    internal static readonly BrowserClass[] KnownClasses =
        [.. Families.SelectMany(static f => Enumerable.Range(0, 8).Select(k => f
            | ((k & 1) != 0 ? BrowserClass.Mobile : 0)
            | ((k & 2) != 0 ? BrowserClass.Desktop : 0)
            | ((k & 4) != 0 ? BrowserClass.Bot : 0)))];

    /// <summary>After the language node policy, as the browser selector runs after the language one.</summary>
    public override int Order => 99;

    private protected override bool CanSplit(IReadOnlyList<Endpoint> endpoints) =>
        NodePruning.CanSplit(endpoints, RoutingPolicyKind.Browser);

    private protected override IReadOnlyList<PolicyNodeEdge> BuildEdges(IReadOnlyList<Endpoint> endpoints)
    {
        // Group the classes by the endpoints they keep: one edge per distinct set.
        var index = new NodeIndex(endpoints, RoutingPolicyKind.Browser);
        var positions = new Dictionary<Endpoint, int>(ReferenceEqualityComparer.Instance);
        for (var i = 0; i < endpoints.Count; i++)
        {
            positions.TryAdd(endpoints[i], i);
        }

        var groups = new Dictionary<string, (List<BrowserClass> Classes, List<Endpoint> Endpoints)>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var client in KnownClasses)
        {
            var matching = new Dictionary<int, int>();
            foreach (var i in index.Ours)
            {
                var score = index.Facts[i].Browsers!.Match(client);
                if (score >= 0)
                {
                    matching[i] = score;
                }
            }

            var edge = index.Edge(matching);
            var signature = string.Join(',', edge.Select(e => positions[e]));
            if (!groups.TryGetValue(signature, out var group))
            {
                groups[signature] = group = ([], edge);
                order.Add(signature);
            }

            group.Classes.Add(client);
        }

        var edges = new List<PolicyNodeEdge>(order.Count + 1);
        foreach (var signature in order)
        {
            var (classes, edge) = groups[signature];
            edges.Add(new PolicyNodeEdge(new PolicyEdgeState("browser:" + string.Join('|', classes.Select(static c => (int)c)), classes.ToArray()), edge));
        }

        edges.Add(new PolicyNodeEdge(new PolicyEdgeState(AllId), endpoints.ToList()));
        return edges;
    }

    private protected override PolicyJumpTable CreateJumpTable(
        int exitDestination, IReadOnlyList<PolicyJumpTableEdge> edges, IReadOnlyDictionary<string, int> byId)
    {
        var byClass = new Dictionary<BrowserClass, int>();
        foreach (var edge in edges)
        {
            if (((PolicyEdgeState)edge.State).Payload is BrowserClass[] classes)
            {
                foreach (var client in classes)
                {
                    byClass[client] = edge.Destination;
                }
            }
        }

        return new BrowserJumpTable(classifier, byClass, byId.GetValueOrDefault(AllId, exitDestination));
    }
}
