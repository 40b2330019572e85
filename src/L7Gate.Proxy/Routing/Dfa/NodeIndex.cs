using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace L7Gate.Proxy.Routing.Dfa;

/// <summary>
/// A DFA node's endpoints, indexed once per split so that building each edge costs the size of the edge,
/// not the size of the node: the endpoints the split does not decide on, and those of its kind grouped by
/// their YARP <c>Match</c>. Edges follow <see cref="NodePruning"/>'s rule.
/// </summary>
internal sealed class NodeIndex
{
    private readonly IReadOnlyList<Endpoint> _endpoints;
    private readonly int[] _order;
    private readonly string[] _key;
    private readonly List<int> _others = [];
    private readonly Dictionary<string, List<int>> _byKey = new(StringComparer.Ordinal);

    public NodeIndex(IReadOnlyList<Endpoint> endpoints, RoutingPolicyKind kind)
    {
        _endpoints = endpoints;
        _order = new int[endpoints.Count];
        _key = new string[endpoints.Count];
        Facts = new RouteFacts[endpoints.Count];
        for (var i = 0; i < endpoints.Count; i++)
        {
            var facts = Facts[i] = RouteFacts.Of(endpoints[i]);
            _order[i] = (endpoints[i] as RouteEndpoint)?.Order ?? 0;
            _key[i] = facts.Key ?? string.Empty;
            if (!facts.Has(kind))
            {
                _others.Add(i);
            }
            else
            {
                if (!_byKey.TryGetValue(_key[i], out var group))
                {
                    _byKey[_key[i]] = group = [];
                }

                group.Add(i);
            }
        }

        Ours = [.. _byKey.Values.SelectMany(static g => g).Order()];
    }

    /// <summary>Every endpoint's facts, by index.</summary>
    public RouteFacts[] Facts { get; }

    /// <summary>The indexes of the endpoints of the split's kind, in node order.</summary>
    public int[] Ours { get; }

    /// <summary>
    /// The edge for a request class whose matching routes (of the split's kind) and their selector scores are
    /// <paramref name="matching"/>: the others, per match the winner among the matching, and per match the
    /// first route that does not match, in node order.
    /// </summary>
    public List<Endpoint> Edge(IReadOnlyDictionary<int, int> matching)
    {
        var picked = new List<int>(_others.Count + (2 * _byKey.Count));
        picked.AddRange(_others);
        var best = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (i, score) in matching)
        {
            if (!best.TryGetValue(_key[i], out var b) || Beats(i, score, b, matching[b]))
            {
                best[_key[i]] = i;
            }
        }

        picked.AddRange(best.Values);
        foreach (var group in _byKey.Values)
        {
            foreach (var i in group)
            {
                if (!matching.ContainsKey(i))
                {
                    picked.Add(i);
                    break;
                }
            }
        }

        picked.Sort();
        return picked.ConvertAll(i => _endpoints[i]);
    }

    // Lower Order wins, then the higher score, then the lower sequence (within one match the DFA ranks by Order
    // alone; its sort of equal endpoints is not stable, so "first in node order" would not be a fixed choice).
    private bool Beats(int i, int score, int b, int bestScore) =>
        _order[i] < _order[b]
        || (_order[i] == _order[b] && (score > bestScore || (score == bestScore && Facts[i].Sequence < Facts[b].Sequence)));
}
