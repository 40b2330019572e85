using System.Buffers;
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
/// <item>when one matched, its fallbacks are removed whatever their Order, so a fallback only wins
/// when nothing matched. A fallback is a candidate without Languages or Browsers whose YARP
/// <c>Match</c> (path, hosts, methods, headers, query) is the same as the matched route's. A route
/// that adds criteria of its own (<c>?lang=zh</c>, or Browsers next to a language route) is not a
/// fallback: it keeps its Order, so <c>Browsers: [Bot]</c> at Order 90 still takes a crawler that
/// sends an Accept-Language matched by a language route at Order 100.</item>
/// </list>
/// The per-candidate <see cref="RouteFacts"/> are looked up once per request (<see cref="Load"/>);
/// a null entry is a candidate that was already invalid.
/// </summary>
internal static class CandidateNarrowing
{
    /// <summary>Candidate already invalid before this policy ran.</summary>
    public const int Invalid = -3;

    /// <summary>Valid candidate without this policy's metadata (a fallback or an unrelated route).</summary>
    public const int Plain = -2;

    /// <summary>Candidate with this policy's metadata that does not match the request.</summary>
    public const int NoMatch = -1;

    /// <summary>
    /// Rents an array with the facts of every valid candidate (null for invalid ones); false, and
    /// nothing rented, when no valid candidate has this policy's metadata: the request is not ours.
    /// </summary>
    public static bool Load(CandidateSet candidates, RoutingPolicyKind kind, out RouteFacts?[] facts)
    {
        var ours = false;
        for (var i = 0; i < candidates.Count && !ours; i++)
        {
            ours = candidates.IsValidCandidate(i) && RouteFacts.Of(candidates[i].Endpoint).Has(kind);
        }

        if (!ours)
        {
            facts = [];
            return false;
        }

        facts = ArrayPool<RouteFacts?>.Shared.Rent(candidates.Count);
        for (var i = 0; i < candidates.Count; i++)
        {
            facts[i] = candidates.IsValidCandidate(i) ? RouteFacts.Of(candidates[i].Endpoint) : null;
        }

        return true;
    }

    public static void Return(RouteFacts?[] facts, int count)
    {
        Array.Clear(facts, 0, count);
        ArrayPool<RouteFacts?>.Shared.Return(facts);
    }

    public static void Apply(CandidateSet candidates, ReadOnlySpan<RouteFacts?> facts, ReadOnlySpan<int> scores)
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
            if (scores[i] == Plain && facts[i]!.IsPlain && IsFallbackOfMatch(facts, scores, i))
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
    public static bool DecisionMatters(CandidateSet candidates, ReadOnlySpan<RouteFacts?> facts, RoutingPolicyKind kind)
    {
        var other = kind == RoutingPolicyKind.Language ? RoutingPolicyKind.Browser : RoutingPolicyKind.Language;
        var bestRemovable = int.MaxValue;
        var bestPinned = int.MaxValue;
        for (var i = 0; i < facts.Length; i++)
        {
            if (facts[i] is not { } f)
            {
                continue;
            }

            var removable = f.Has(kind)
                || (f.IsPlain && HasSameMatch(facts, i, kind)) // a fallback of ours
                || (f.Has(other) && !HasSameMatch(facts, i, kind: null)); // may vanish, nothing in its place
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

    // Is there another valid candidate with the same Match that has kind's metadata (null: that is plain)?
    private static bool HasSameMatch(ReadOnlySpan<RouteFacts?> facts, int i, RoutingPolicyKind? kind)
    {
        for (var j = 0; j < facts.Length; j++)
        {
            if (j != i && facts[j] is { } f && (kind is { } k ? f.Has(k) : f.IsPlain) && f.SameMatch(facts[i]!))
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

    private static bool IsFallbackOfMatch(ReadOnlySpan<RouteFacts?> facts, ReadOnlySpan<int> scores, int i)
    {
        for (var j = 0; j < scores.Length; j++)
        {
            if (scores[j] >= 0 && facts[j]!.SameMatch(facts[i]!))
            {
                return true;
            }
        }

        return false;
    }
}
