using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Matching;

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
/// <item>when one matched, candidates without this policy's metadata that share its path pattern
/// (the fallback) are removed, whatever their Order: the fallback only wins when nothing matched.</item>
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
            if (scores[i] == Plain && SharesPatternWithMatch(candidates, scores, i))
            {
                candidates.SetValidity(i, false);
            }
        }
    }

    /// <summary>
    /// True when the request's language/browser headers can change which endpoint wins, so the
    /// response must carry Vary. False when a candidate that no L7Gate policy can remove (no
    /// Languages/Browsers and no path shared with a route that has them) outranks every candidate
    /// that can be removed: e.g. a plain <c>/api/{**rest}</c> route in front of language routes on
    /// <c>/{**catch-all}</c> is served the same whatever the client's language.
    /// </summary>
    public static bool DecisionMatters(CandidateSet candidates)
    {
        var bestRemovable = int.MaxValue;
        var bestPinned = int.MaxValue;
        for (var i = 0; i < candidates.Count; i++)
        {
            if (!candidates.IsValidCandidate(i))
            {
                continue;
            }

            var score = candidates[i].Score;
            if (HasL7GateMetadata(candidates[i].Endpoint) || SharesPatternWithL7GateRoute(candidates, i))
            {
                bestRemovable = Math.Min(bestRemovable, score);
            }
            else
            {
                bestPinned = Math.Min(bestPinned, score);
            }
        }

        return bestRemovable <= bestPinned;
    }

    private static bool HasL7GateMetadata(Endpoint endpoint) =>
        endpoint.Metadata.GetMetadata<Languages.LanguageRouteMetadata>() is not null
        || endpoint.Metadata.GetMetadata<Browsers.BrowserRouteMetadata>() is not null;

    private static bool SharesPatternWithL7GateRoute(CandidateSet candidates, int i)
    {
        var pattern = PatternOf(candidates[i].Endpoint);
        for (var j = 0; pattern is not null && j < candidates.Count; j++)
        {
            if (j != i && candidates.IsValidCandidate(j) && HasL7GateMetadata(candidates[j].Endpoint)
                && string.Equals(PatternOf(candidates[j].Endpoint), pattern, StringComparison.OrdinalIgnoreCase))
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

    private static bool SharesPatternWithMatch(CandidateSet candidates, ReadOnlySpan<int> scores, int i)
    {
        var pattern = PatternOf(candidates[i].Endpoint);
        if (pattern is null)
        {
            return false;
        }

        for (var j = 0; j < scores.Length; j++)
        {
            if (scores[j] >= 0 && string.Equals(PatternOf(candidates[j].Endpoint), pattern, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static string? PatternOf(Endpoint endpoint) => (endpoint as RouteEndpoint)?.RoutePattern.RawText;
}
