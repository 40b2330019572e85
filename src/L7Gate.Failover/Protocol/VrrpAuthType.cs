namespace L7Gate.Failover.Protocol;

/// <summary>VRRPv2 authentication types (RFC 3768 §5.3.6; type 2, IP AH, was withdrawn and is unsupported).</summary>
public enum VrrpAuthType : byte
{
    /// <summary>No authentication; the 8 auth-data bytes are zero.</summary>
    None = 0,

    /// <summary>Simple text password (keepalived <c>auth_type PASS</c>): 8 bytes, zero padded.</summary>
    SimplePassword = 1,
}
