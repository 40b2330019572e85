namespace L7Gate.Failover.Options;

/// <summary>VRRPv2 authentication. RFC 5798 removed authentication from v3.</summary>
public sealed class VrrpAuthenticationOptions
{
    /// <summary>Simple password, 1–8 ASCII characters (keepalived <c>auth_pass</c>; longer ones are truncated there, rejected here). Null = none.</summary>
    public string? Password { get; set; }
}
