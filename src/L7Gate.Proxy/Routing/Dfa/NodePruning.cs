using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Matching;

namespace L7Gate.Proxy.Routing.Dfa;

/// <summary>
/// How the language and browser node policies narrow a DFA node without changing what the selector policies
/// (<see cref="NarrowingMatcherPolicy{TMetadata}"/>) decide. An edge keeps every endpoint the split does not
/// decide on, the routes of its kind that can match, and, per distinct YARP <c>Match</c> among the routes
/// it drops, the first (best-ranked) one: the selector invalidates that one anyway, but it still sees that a
/// route of its kind was there, so the fallback is recognised and <c>Vary</c> is set exactly as with all
/// candidates present. A node with a route whose candidacy is only known after the DFA (YARP header/query
/// criteria, route constraints, both Languages and Browsers) is not split.
/// </summary>
internal static class NodePruning
{
    /// <summary>True when no endpoint of <paramref name="kind"/> in the node stops it from being split.</summary>
    public static bool CanSplit(IReadOnlyList<Endpoint> endpoints, RoutingPolicyKind kind)
    {
        var any = false;
        foreach (var endpoint in endpoints)
        {
            if (endpoint.Metadata.GetMetadata<IDynamicEndpointMetadata>() is { IsDynamic: true })
            {
                return false;
            }

            var facts = RouteFacts.Of(endpoint);
            if (!facts.Has(kind))
            {
                continue;
            }

            if (!facts.FromRoute || facts.HasSelectorCriteria || (facts.Languages is not null && facts.Browsers is not null)
                || HasPathChecks(endpoint))
            {
                return false;
            }

            any = true;
        }

        return any;
    }

    /// <summary>Total endpoint entries of a set of edges, for <see cref="PruningBudget"/>.</summary>
    public static long Size(IReadOnlyList<PolicyNodeEdge> edges)
    {
        long size = 0;
        foreach (var edge in edges)
        {
            size += edge.Endpoints.Count;
        }

        return size;
    }

    // Route constraints and complex segments are checked by the DFA matcher per candidate, after the jump tables.
    private static bool HasPathChecks(Endpoint endpoint) =>
        endpoint is RouteEndpoint route
        && (route.RoutePattern.ParameterPolicies.Count > 0 || route.RoutePattern.PathSegments.Any(static s => !s.IsSimple));
}
