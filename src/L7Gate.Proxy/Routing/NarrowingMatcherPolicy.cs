using L7Gate.Proxy.Routing.Vary;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Matching;

namespace L7Gate.Proxy.Routing;

/// <summary>
/// What the language and browser policies share: they run only where some endpoint carries their metadata,
/// borrow the candidates' precomputed <see cref="RouteFacts"/>, and add their Vary header when the request's
/// headers can change the winner. Subclasses decide which candidates stay.
/// </summary>
/// <typeparam name="TMetadata">The endpoint metadata that makes a route take part.</typeparam>
public abstract class NarrowingMatcherPolicy<TMetadata> : MatcherPolicy, IEndpointComparerPolicy, IEndpointSelectorPolicy
    where TMetadata : class
{
    /// <summary>Candidate counts up to this size use stack scratch space.</summary>
    private protected const int StackLimit = 64;

    private readonly RoutingPolicyKind _kind;
    private readonly RoutingVary _vary;

    private protected NarrowingMatcherPolicy(RoutingPolicyKind kind, RoutingVary vary, IComparer<Endpoint> comparer)
    {
        _kind = kind;
        _vary = vary;
        Comparer = comparer;
    }

    /// <inheritdoc/>
    public IComparer<Endpoint> Comparer { get; }

    /// <inheritdoc/>
    public bool AppliesToEndpoints(IReadOnlyList<Endpoint> endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        return ContainsDynamicEndpoints(endpoints)
            || endpoints.Any(static e => e.Metadata.GetMetadata<TMetadata>() is not null);
    }

    /// <inheritdoc/>
    public Task ApplyAsync(HttpContext httpContext, CandidateSet candidates)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        ArgumentNullException.ThrowIfNull(candidates);
        if (CandidateNarrowing.Load(candidates, _kind, out var facts))
        {
            try
            {
                var span = facts.AsSpan(0, candidates.Count);
                if (CandidateNarrowing.DecisionMatters(candidates, span, _kind))
                {
                    RoutingVaryFeature.Add(httpContext, _vary);
                }

                Select(httpContext, candidates, span);
            }
            finally
            {
                CandidateNarrowing.Return(facts, candidates.Count);
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>Invalidates the candidates that lose on this policy's criterion.</summary>
    private protected abstract void Select(HttpContext httpContext, CandidateSet candidates, ReadOnlySpan<RouteFacts?> facts);
}
