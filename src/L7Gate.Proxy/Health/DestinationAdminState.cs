namespace L7Gate.Proxy.Health;

/// <summary>Operator-set state of a destination (HAProxy's "set server … state"). Survives config reloads.</summary>
public enum DestinationAdminState
{
    /// <summary>Receives traffic when healthy.</summary>
    Active,

    /// <summary>No new requests; in-flight requests complete.</summary>
    Draining,

    /// <summary>No requests at all.</summary>
    Disabled,
}
