using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Matching;
using Yarp.ReverseProxy.Model;

namespace L7Gate.Proxy.Routing;

/// <summary>
/// The candidate bookkeeping shared by the language and browser policies. A policy scores each
/// candidate, then <see cref="Apply"/> narrows the set so that the default endpoint selector (which
/// keeps the best <see cref="CandidateState.Score"/>, i.e. YARP <c>Order</c> then path precedence)
/// sees exactly what spec §5 asks for:
/// <list type="bullet">
/// <item>candidates of this policy that do not match are removed;</item>
/// <item>among matching candidates with the same score, only the most specific survives (then the
/// first), so two overlapping routes never turn into an ambiguous-match 500;</item>
/// <item>when one matched, its fallbacks are removed whatever their Order, so a fallback only wins
/// when nothing matched. A fallback is a candidate without this policy's metadata whose YARP
/// <c>Match</c> (path, hosts, methods, headers, query) is the same as the matched route's: a route
/// that adds its own criteria (<c>?lang=zh</c>) is not a fallback and keeps its Order.</item>
/// </list>
/// </summary>
internal static class CandidateNarrowing
{
    /// <summary>Candidate already invalid before this policy ran.</summary>
    public const int Invalid = -3;

    /// <summary>Valid candidate without this policy's metadata (a fallback or an unrelated route).</summary>
    public const int Plain = -2;

    /// <summary>Candidate with this policy's metadata that does not match the request.</summary>
    public const int NoMatch = -1;

    public static void Apply(CandidateSet candidates, ReadOnlySpan<int> scores)
    {
        var anyMatched = false;
        for (var i = 0; i < scores.Length; i++)
        {
            if (scores[i] == NoMatch)
            {
                candidates.SetValidity(i, false);
            }
            else if (scores[i] >= 0)
            {
                anyMatched = true;
                if (LosesTie(candidates, scores, i))
                {
                    candidates.SetValidity(i, false);
                }
            }
        }

        if (!anyMatched)
        {
            return;
        }

        for (var i = 0; i < scores.Length; i++)
        {
            if (scores[i] == Plain && IsFallbackOfMatch(candidates, scores, i))
            {
                candidates.SetValidity(i, false);
            }
        }
    }

    /// <summary>
    /// True when this policy's headers can change which endpoint wins, so the response must carry
    /// Vary. It compares the best score among candidates this policy can remove (its routes, their
    /// fallbacks, and routes of the other L7Gate policy that have no fallback of their own, since they
    /// may vanish and let ours through) with the best among the rest. A plain <c>/api/{**rest}</c>
    /// route, or a browser-routed path with its own fallback, in front of language routes on
    /// <c>/{**catch-all}</c> is served the same whatever the client's language: no Vary there.
    /// </summary>
    public static bool DecisionMatters<TThis, TOther>(CandidateSet candidates)
        where TThis : class
        where TOther : class
    {
        var bestRemovable = int.MaxValue;
        var bestPinned = int.MaxValue;
        for (var i = 0; i < candidates.Count; i++)
        {
            if (!candidates.IsValidCandidate(i))
            {
                continue;
            }

            var endpoint = candidates[i].Endpoint;
            var removable = Has<TThis>(endpoint)
                || HasValidSameMatch(candidates, i, Has<TThis>) // a fallback of ours
                || (Has<TOther>(endpoint) && !HasValidSameMatch(candidates, i, static e => !Has<TOther>(e)));
            if (removable)
            {
                bestRemovable = Math.Min(bestRemovable, candidates[i].Score);
            }
            else
            {
                bestPinned = Math.Min(bestPinned, candidates[i].Score);
            }
        }

        return bestRemovable <= bestPinned;
    }

    private static bool Has<TMetadata>(Endpoint endpoint)
        where TMetadata : class => endpoint.Metadata.GetMetadata<TMetadata>() is not null;

    private static bool HasValidSameMatch(CandidateSet candidates, int i, Func<Endpoint, bool> predicate)
    {
        for (var j = 0; j < candidates.Count; j++)
        {
            if (j != i && candidates.IsValidCandidate(j) && predicate(candidates[j].Endpoint)
                && SameMatch(candidates[i].Endpoint, candidates[j].Endpoint))
            {
                return true;
            }
        }

        return false;
    }

    private static bool LosesTie(CandidateSet candidates, ReadOnlySpan<int> scores, int i)
    {
        for (var j = 0; j < scores.Length; j++)
        {
            if (j != i && scores[j] >= 0 && candidates[j].Score == candidates[i].Score
                && (scores[j] > scores[i] || (scores[j] == scores[i] && j < i)))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsFallbackOfMatch(CandidateSet candidates, ReadOnlySpan<int> scores, int i)
    {
        for (var j = 0; j < scores.Length; j++)
        {
            if (scores[j] >= 0 && SameMatch(candidates[i].Endpoint, candidates[j].Endpoint))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Same YARP <c>Match</c> (RouteMatch is a record with list-aware equality; Languages/Browsers live
    /// in metadata, so they are not part of it). Endpoints that are not YARP routes compare by path pattern.
    /// </summary>
    private static bool SameMatch(Endpoint a, Endpoint b)
    {
        var patternA = (a as RouteEndpoint)?.RoutePattern.RawText;
        if (patternA is null || !string.Equals(patternA, (b as RouteEndpoint)?.RoutePattern.RawText, StringComparison.OrdinalIgnoreCase))
        {
            return false; // cheap first: most candidates differ by path
        }

        var routeA = a.Metadata.GetMetadata<RouteModel>();
        var routeB = b.Metadata.GetMetadata<RouteModel>();
        return routeA is null || routeB is null || routeA.Config.Match.Equals(routeB.Config.Match);
    }
}
