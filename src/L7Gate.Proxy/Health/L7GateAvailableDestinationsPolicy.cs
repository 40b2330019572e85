using L7Gate.Proxy.Diagnostics;
using Microsoft.Extensions.Logging;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Health;
using Yarp.ReverseProxy.Model;

namespace L7Gate.Proxy.Health;

/// <summary>
/// The default available-destinations policy of every L7Gate cluster: healthy-or-unknown destinations whose admin
/// state is Active. Unlike YARP's default HealthyOrPanic there is no panic mode: when nothing is left the cluster
/// answers 503, because sending traffic to destinations known to be down or being drained hides the outage.
/// </summary>
/// <remarks>
/// One exception: passive health alone never empties a cluster. Passive health judges real requests, so a client
/// hammering one broken path (hanging, resetting) can eject every destination although each still serves every
/// other path. When every destination that is Active and not probe-Unhealthy has been ejected by passive health,
/// and active probes are enabled, the cluster falls back to the destinations whose last probe passed — as nginx
/// tries every server again when <c>max_fails</c> has marked them all down. A destination that fails its probes,
/// is draining or disabled is never used; without active probes there is no second opinion and the cluster answers
/// 503.
/// </remarks>
internal sealed partial class L7GateAvailableDestinationsPolicy(
    IDestinationAdminStates adminStates,
    ProxyMetrics metrics,
    ILogger<L7GateAvailableDestinationsPolicy> logger) : IAvailableDestinationsPolicy
{
    /// <summary>Name to use in <c>HealthCheck.AvailableDestinationsPolicy</c>.</summary>
    public const string PolicyName = "L7Gate";

    public string Name => PolicyName;

    public IReadOnlyList<DestinationState> GetAvailalableDestinations(ClusterConfig config, IReadOnlyList<DestinationState> allDestinations)
    {
        var activeEnabled = config.HealthCheck?.Active?.Enabled ?? false;
        var passiveEnabled = config.HealthCheck?.Passive?.Enabled ?? false;
        var available = new List<DestinationState>(allDestinations.Count);
        List<DestinationState>? probeHealthy = null;
        foreach (var destination in allDestinations)
        {
            if (activeEnabled && destination.Health.Active == DestinationHealth.Unhealthy)
            {
                continue;
            }

            if (adminStates.Get(config.ClusterId, destination.DestinationId) != DestinationAdminState.Active)
            {
                continue;
            }

            if (passiveEnabled && destination.Health.Passive == DestinationHealth.Unhealthy)
            {
                if (activeEnabled && destination.Health.Active == DestinationHealth.Healthy)
                {
                    (probeHealthy ??= []).Add(destination);
                }

                continue;
            }

            available.Add(destination);
        }

        if (available.Count == 0 && probeHealthy is not null)
        {
            metrics.PassiveFallback(config.ClusterId);
            LogPassiveFallback(logger, config.ClusterId, probeHealthy.Count);
            return probeHealthy;
        }

        return available;
    }

    [LoggerMessage(EventId = 2603, Level = LogLevel.Warning,
        Message = "Cluster {ClusterId}: passive health ejected every destination; falling back to the {Count} that pass their active probes")]
    private static partial void LogPassiveFallback(ILogger logger, string clusterId, int count);
}
