using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Health;
using Yarp.ReverseProxy.Model;

namespace L7Gate.Proxy.Health;

/// <summary>
/// The default available-destinations policy of every L7Gate cluster: healthy-or-unknown destinations whose admin
/// state is Active. Unlike YARP's default HealthyOrPanic there is no panic mode: when nothing is left the cluster
/// answers 503, because sending traffic to destinations known to be down or being drained hides the outage.
/// </summary>
internal sealed class L7GateAvailableDestinationsPolicy(IDestinationAdminStates adminStates) : IAvailableDestinationsPolicy
{
    /// <summary>Name to use in <c>HealthCheck.AvailableDestinationsPolicy</c>.</summary>
    public const string PolicyName = "L7Gate";

    public string Name => PolicyName;

    public IReadOnlyList<DestinationState> GetAvailalableDestinations(ClusterConfig config, IReadOnlyList<DestinationState> allDestinations)
    {
        var activeEnabled = config.HealthCheck?.Active?.Enabled ?? false;
        var passiveEnabled = config.HealthCheck?.Passive?.Enabled ?? false;
        var available = new List<DestinationState>(allDestinations.Count);
        foreach (var destination in allDestinations)
        {
            if (activeEnabled && destination.Health.Active == DestinationHealth.Unhealthy)
            {
                continue;
            }

            if (passiveEnabled && destination.Health.Passive == DestinationHealth.Unhealthy)
            {
                continue;
            }

            if (adminStates.Get(config.ClusterId, destination.DestinationId) != DestinationAdminState.Active)
            {
                continue;
            }

            available.Add(destination);
        }

        return available;
    }
}
