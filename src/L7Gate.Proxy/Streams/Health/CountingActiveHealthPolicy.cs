using Yarp.ReverseProxy.Health;
using Yarp.ReverseProxy.Model;

namespace L7Gate.Proxy.Streams.Health;

/// <summary>
/// One active health policy name (<see cref="StreamProbeKinds"/>): counts each probe's outcome in
/// <c>l7gate.health.probes</c>, then lets YARP's <c>ConsecutiveFailures</c> policy judge the results (the same
/// counters and threshold whatever the kind). Registered under <c>ConsecutiveFailures</c> too, in place of YARP's
/// own, so HTTP probes are counted alike.
/// </summary>
internal sealed class CountingActiveHealthPolicy(string name, IActiveHealthCheckPolicy consecutiveFailures, StreamMetrics metrics) : IActiveHealthCheckPolicy
{
    public string Name => name;

    public void ProbingCompleted(ClusterState cluster, IReadOnlyList<DestinationProbingResult> probingResults)
    {
        var kind = StreamProbeKinds.Tag(name);
        foreach (var result in probingResults)
        {
            var passed = result.Response is { IsSuccessStatusCode: true };
            metrics.Probe(cluster.ClusterId, result.Destination.DestinationId, kind, passed);
        }

        consecutiveFailures.ProbingCompleted(cluster, probingResults);
    }
}
