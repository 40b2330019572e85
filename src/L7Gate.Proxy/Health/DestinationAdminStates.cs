using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Yarp.ReverseProxy;
using Yarp.ReverseProxy.Health;

namespace L7Gate.Proxy.Health;

/// <summary>
/// In-memory admin states keyed by ids rather than YARP objects, so they survive config reloads (a reload that
/// keeps the destination id keeps its state). A change makes YARP recompute the cluster's available destinations
/// at once; in-flight requests are untouched, which is what Draining means.
/// </summary>
internal sealed partial class DestinationAdminStates(IServiceProvider services, ILogger<DestinationAdminStates> logger) : IDestinationAdminStates
{
    private readonly ConcurrentDictionary<(string ClusterId, string DestinationId), DestinationAdminState> _states = new(KeyComparer.Instance);

    public DestinationAdminState Get(string clusterId, string destinationId) =>
        _states.TryGetValue((clusterId, destinationId), out var state) ? state : DestinationAdminState.Active;

    public void Set(string clusterId, string destinationId, DestinationAdminState state)
    {
        var previous = Get(clusterId, destinationId);
        if (state == DestinationAdminState.Active)
        {
            _states.TryRemove((clusterId, destinationId), out _);
        }
        else
        {
            _states[(clusterId, destinationId)] = state;
        }

        LogAdminStateChanged(logger, clusterId, destinationId, previous, state);

        // Resolved late: YARP's updater depends on the availability policy, which depends on this store.
        if (services.GetRequiredService<IProxyStateLookup>().TryGetCluster(clusterId, out var cluster))
        {
            services.GetRequiredService<IClusterDestinationsUpdater>().UpdateAvailableDestinations(cluster);
        }
    }

    public IReadOnlyDictionary<(string ClusterId, string DestinationId), DestinationAdminState> Snapshot() =>
        new Dictionary<(string ClusterId, string DestinationId), DestinationAdminState>(_states, KeyComparer.Instance);

    [LoggerMessage(EventId = 2601, Level = LogLevel.Information,
        Message = "Cluster {ClusterId} destination {DestinationId}: admin state {Previous} -> {State}")]
    private static partial void LogAdminStateChanged(ILogger logger, string clusterId, string destinationId, DestinationAdminState previous, DestinationAdminState state);

    /// <summary>YARP ids are case-insensitive.</summary>
    private sealed class KeyComparer : IEqualityComparer<(string ClusterId, string DestinationId)>
    {
        public static readonly KeyComparer Instance = new();

        public bool Equals((string ClusterId, string DestinationId) x, (string ClusterId, string DestinationId) y) =>
            StringComparer.OrdinalIgnoreCase.Equals(x.ClusterId, y.ClusterId)
            && StringComparer.OrdinalIgnoreCase.Equals(x.DestinationId, y.DestinationId);

        public int GetHashCode((string ClusterId, string DestinationId) key) => HashCode.Combine(
            StringComparer.OrdinalIgnoreCase.GetHashCode(key.ClusterId),
            StringComparer.OrdinalIgnoreCase.GetHashCode(key.DestinationId));
    }
}
