using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Matching;

namespace L7Gate.Proxy.Routing.Dfa;

/// <summary>
/// An <see cref="INodeBuilderPolicy"/> that splits a DFA node into edges chosen per request by a jump table,
/// as ASP.NET Core's host and method policies do, so a request only carries the candidates that can win
/// into the selector policies. The split is only worth making, and only made, when it fits the
/// <see cref="PruningBudget"/>; the edges computed to check that are handed to the DFA builder unchanged.
/// </summary>
internal abstract class PruningNodePolicy : MatcherPolicy, INodeBuilderPolicy
{
    private readonly PruningBudget _budget;
    private (IReadOnlyList<Endpoint> Node, IReadOnlyList<PolicyNodeEdge> Edges)? _last;

    private protected PruningNodePolicy(PruningBudget budget) => _budget = budget;

    /// <inheritdoc/>
    public bool AppliesToEndpoints(IReadOnlyList<Endpoint> endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        if (ContainsDynamicEndpoints(endpoints) || !CanSplit(endpoints))
        {
            return false;
        }

        var edges = BuildEdges(endpoints);
        if (edges.Count < 2 || !_budget.TryReserve(NodePruning.Size(edges)))
        {
            return false;
        }

        _last = (endpoints, edges);
        return true;
    }

    /// <inheritdoc/>
    public IReadOnlyList<PolicyNodeEdge> GetEdges(IReadOnlyList<Endpoint> endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        return _last is { } last && ReferenceEquals(last.Node, endpoints) ? last.Edges : BuildEdges(endpoints);
    }

    /// <inheritdoc/>
    public PolicyJumpTable BuildJumpTable(int exitDestination, IReadOnlyList<PolicyJumpTableEdge> edges)
    {
        ArgumentNullException.ThrowIfNull(edges);
        _budget.TreeComplete();
        _last = null;
        var byId = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var edge in edges)
        {
            byId[((PolicyEdgeState)edge.State).Id] = edge.Destination;
        }

        return CreateJumpTable(exitDestination, edges, byId);
    }

    /// <summary>True when this policy can split a node with these (sorted) endpoints.</summary>
    private protected abstract bool CanSplit(IReadOnlyList<Endpoint> endpoints);

    /// <summary>The edges of a node; every edge's endpoints keep the node's order.</summary>
    private protected abstract IReadOnlyList<PolicyNodeEdge> BuildEdges(IReadOnlyList<Endpoint> endpoints);

    /// <summary>The per-request table; <paramref name="byId"/> maps each edge's state id to its destination.</summary>
    private protected abstract PolicyJumpTable CreateJumpTable(
        int exitDestination, IReadOnlyList<PolicyJumpTableEdge> edges, IReadOnlyDictionary<string, int> byId);
}
