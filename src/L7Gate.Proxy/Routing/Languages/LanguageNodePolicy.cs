using L7Gate.Proxy.Routing.Dfa;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing.Matching;

namespace L7Gate.Proxy.Routing.Languages;

/// <summary>
/// Puts Accept-Language routing into ASP.NET Core's DFA. At a node with language routes, the route tags go
/// into one case-insensitive dictionary; per request each client range (q order, as spec §5 asks) is looked
/// up with its subtags cut from the right (<c>zh-Hant-TW</c>, <c>zh-Hant</c>, <c>zh</c>), so the first range that
/// matches any route is found in a few lookups whatever the number of routes. The edge it leads to holds
/// the routes that range matches, and <see cref="LanguageMatcherPolicy"/> then decides among them exactly
/// as before (Order, the more specific tag, fallback, Vary).
/// </summary>
/// <remarks>
/// A wildcard client range (with its q=0 exclusions) or an unusable header leads to the edge with every
/// route, and the selector policy decides (and counts a malformed header) as it always did.
/// </remarks>
internal sealed class LanguageNodePolicy(PruningBudget budget) : PruningNodePolicy(budget)
{
    private const string AllId = "lang:*";
    private const string NoneId = "lang:none";
    private const string WildcardRoutesId = "lang:route-*";
    private const string TagPrefix = "lang:=";

    /// <summary>After the header node policy, before the browser one.</summary>
    public override int Order => 98;

    private protected override bool CanSplit(IReadOnlyList<Endpoint> endpoints) =>
        NodePruning.CanSplit(endpoints, RoutingPolicyKind.Language)
        && endpoints.All(static e => RouteFacts.Of(e).Languages?.TagArray.All(LanguageTag.IsValid) ?? true);

    private protected override IReadOnlyList<PolicyNodeEdge> BuildEdges(IReadOnlyList<Endpoint> endpoints)
    {
        var index = new NodeIndex(endpoints, RoutingPolicyKind.Language);

        // Route tag -> the routes that have it; `*` routes apart.
        var byTag = new Dictionary<string, List<int>>(StringComparer.OrdinalIgnoreCase);
        var tags = new List<string>();
        var wildcard = new Dictionary<int, int>();
        foreach (var i in index.Ours)
        {
            foreach (var tag in index.Facts[i].Languages!.TagArray)
            {
                if (tag == "*")
                {
                    wildcard[i] = 0;
                    continue;
                }

                if (!byTag.TryGetValue(tag, out var routes))
                {
                    byTag[tag] = routes = [];
                    tags.Add(tag);
                }

                routes.Add(i);
            }
        }

        var edges = new List<PolicyNodeEdge>(tags.Count + 3);
        foreach (var tag in tags)
        {
            // A client range whose longest route-tag prefix is `tag` matches the routes with `tag`, with a
            // shorter prefix of it (score: the longest such tag's length) or with `*` (score 0).
            var matching = new Dictionary<int, int>(wildcard);
            for (var prefix = tag.AsSpan(); ; prefix = prefix[..prefix.LastIndexOf('-')])
            {
                if (byTag.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(prefix, out var routes))
                {
                    foreach (var i in routes)
                    {
                        matching[i] = Math.Max(matching.GetValueOrDefault(i), prefix.Length);
                    }
                }

                if (!prefix.Contains('-'))
                {
                    break;
                }
            }

            edges.Add(new PolicyNodeEdge(new PolicyEdgeState(TagPrefix + tag.ToLowerInvariant(), tag), index.Edge(matching)));
        }

        if (wildcard.Count > 0)
        {
            edges.Add(new PolicyNodeEdge(new PolicyEdgeState(WildcardRoutesId), index.Edge(wildcard)));
        }

        edges.Add(new PolicyNodeEdge(new PolicyEdgeState(NoneId), index.Edge(new Dictionary<int, int>())));
        edges.Add(new PolicyNodeEdge(new PolicyEdgeState(AllId), endpoints.ToList()));
        return edges;
    }

    private protected override PolicyJumpTable CreateJumpTable(
        int exitDestination, IReadOnlyList<PolicyJumpTableEdge> edges, IReadOnlyDictionary<string, int> byId)
    {
        var byTag = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var edge in edges)
        {
            if (((PolicyEdgeState)edge.State).Payload is string tag)
            {
                byTag[tag] = edge.Destination;
            }
        }

        return new LanguageJumpTable(
            byTag,
            byId.GetValueOrDefault(WildcardRoutesId, -1),
            byId.GetValueOrDefault(NoneId, exitDestination),
            byId.GetValueOrDefault(AllId, exitDestination));
    }
}
