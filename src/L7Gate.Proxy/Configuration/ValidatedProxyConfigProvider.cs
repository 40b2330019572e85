using Microsoft.Extensions.Primitives;
using Yarp.ReverseProxy.Configuration;

namespace L7Gate.Proxy.Configuration;

/// <summary>
/// YARP's only config source in L7Gate. It changes only when a whole candidate passed validation, so a malformed
/// or emptied config file can never reach YARP (which would accept an empty section and drop every route).
/// </summary>
public sealed class ValidatedProxyConfigProvider : IProxyConfigProvider
{
    private volatile Snapshot _current = new([], [], 0);

    /// <summary>Serves the last validated routes and clusters.</summary>
    public IProxyConfig GetConfig() => _current;

    /// <summary>Hands a validated candidate to YARP.</summary>
    public void Apply(ProxyConfigCandidate candidate, long generation)
    {
        if (!candidate.IsValid)
        {
            throw new ArgumentException("Only a candidate without failures can be applied.", nameof(candidate));
        }

        var previous = _current;
        _current = new Snapshot(candidate.Routes, candidate.Clusters, generation);
        previous.SignalChange();
    }

    private sealed class Snapshot(IReadOnlyList<RouteConfig> routes, IReadOnlyList<ClusterConfig> clusters, long generation) : IProxyConfig
    {
        private readonly CancellationTokenSource _changed = new();

        public string RevisionId { get; } = $"L7Gate-{generation}";
        public IReadOnlyList<RouteConfig> Routes => routes;
        public IReadOnlyList<ClusterConfig> Clusters => clusters;
        public IChangeToken ChangeToken => new CancellationChangeToken(_changed.Token);

        public void SignalChange() => _changed.Cancel();
    }
}
