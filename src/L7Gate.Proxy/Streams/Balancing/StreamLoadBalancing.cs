using System.Net;
using Yarp.ReverseProxy.LoadBalancing;
using Yarp.ReverseProxy.Model;

namespace L7Gate.Proxy.Streams.Balancing;

/// <summary>
/// Orders a cluster's available destinations for one new L4 connection: the first is the cluster's
/// <c>LoadBalancingPolicy</c> pick, the others follow in order, to be tried when a connect fails (HAProxy's
/// <c>redispatch</c>). The policies are YARP's names with connections in place of requests: RoundRobin,
/// LeastRequests (least connections, HAProxy <c>balance leastconn</c>), PowerOfTwoChoices (YARP's default),
/// Random, FirstAlphabetical, and <see cref="SourceIpHashLoadBalancingPolicy.PolicyName"/> (HAProxy <c>balance source</c>, nginx <c>hash $remote_addr</c>).
/// </summary>
public sealed class StreamLoadBalancing(StreamConnectionCounts counts)
{
    private readonly Dictionary<string, StrongCounter> _roundRobin = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The destinations to try, in order; empty when none is available.</summary>
    public IReadOnlyList<DestinationState> Order(ClusterState cluster, IPAddress? client)
    {
        var available = cluster.DestinationsState.AvailableDestinations;
        if (available.Count <= 1)
        {
            return available;
        }

        var policy = cluster.Model.Config.LoadBalancingPolicy ?? LoadBalancingPolicies.PowerOfTwoChoices;
        var first = policy switch
        {
            _ when Is(policy, LoadBalancingPolicies.RoundRobin) => (int)(NextRoundRobin(cluster.ClusterId) % (uint)available.Count),
            _ when Is(policy, LoadBalancingPolicies.LeastRequests) => LeastConnections(cluster.ClusterId, available),
            _ when Is(policy, LoadBalancingPolicies.Random) => Random.Shared.Next(available.Count),
            _ when Is(policy, LoadBalancingPolicies.FirstAlphabetical) => FirstAlphabetical(available),
            _ when Is(policy, SourceIpHashLoadBalancingPolicy.PolicyName) => SourceIpHashLoadBalancingPolicy.Index(client, available.Count),
            _ => PowerOfTwo(cluster.ClusterId, available),
        };

        var ordered = new DestinationState[available.Count];
        for (var i = 0; i < available.Count; i++)
        {
            ordered[i] = available[(first + i) % available.Count];
        }

        return ordered;
    }

    private static bool Is(string policy, string name) => string.Equals(policy, name, StringComparison.OrdinalIgnoreCase);

    private uint NextRoundRobin(string clusterId)
    {
        StrongCounter counter;
        lock (_roundRobin)
        {
            if (!_roundRobin.TryGetValue(clusterId, out counter!))
            {
                counter = new StrongCounter();
                _roundRobin[clusterId] = counter;
            }
        }

        return (uint)Interlocked.Increment(ref counter.Value) - 1;
    }

    private int LeastConnections(string clusterId, IReadOnlyList<DestinationState> available)
    {
        // Ties go round robin, so an idle cluster does not send every new connection to its first destination.
        var start = (int)(NextRoundRobin(clusterId) % (uint)available.Count);
        var best = start;
        var bestCount = int.MaxValue;
        for (var i = 0; i < available.Count; i++)
        {
            var index = (start + i) % available.Count;
            var count = counts.Get(clusterId, available[index].DestinationId);
            if (count < bestCount)
            {
                best = index;
                bestCount = count;
            }
        }

        return best;
    }

    private int PowerOfTwo(string clusterId, IReadOnlyList<DestinationState> available)
    {
        var a = Random.Shared.Next(available.Count);
        var b = Random.Shared.Next(available.Count - 1);
        if (b >= a)
        {
            b++;
        }

        return counts.Get(clusterId, available[a].DestinationId) <= counts.Get(clusterId, available[b].DestinationId) ? a : b;
    }

    private static int FirstAlphabetical(IReadOnlyList<DestinationState> available)
    {
        var best = 0;
        for (var i = 1; i < available.Count; i++)
        {
            if (string.Compare(available[i].DestinationId, available[best].DestinationId, StringComparison.OrdinalIgnoreCase) < 0)
            {
                best = i;
            }
        }

        return best;
    }

    private sealed class StrongCounter
    {
        public int Value;
    }
}
