namespace L7Gate.Proxy.Health;

/// <summary>Admin states of destinations, keyed by cluster and destination id; unknown keys are Active.</summary>
public interface IDestinationAdminStates
{
    DestinationAdminState Get(string clusterId, string destinationId);

    void Set(string clusterId, string destinationId, DestinationAdminState state);

    /// <summary>Every destination whose state is not Active.</summary>
    IReadOnlyDictionary<(string ClusterId, string DestinationId), DestinationAdminState> Snapshot();
}
