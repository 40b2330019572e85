namespace L7Gate.Admin.Auth;

/// <summary>What an admin endpoint exposes, which decides when it needs the bearer key.</summary>
public enum AdminAccess
{
    /// <summary>Static dashboard assets: no data, and a browser cannot send a bearer header when navigating.</summary>
    Public,

    /// <summary>Reads state: needs the key only when the admin listener is reachable from the network.</summary>
    Read,

    /// <summary>Changes state: always needs the key.</summary>
    Write,
}
