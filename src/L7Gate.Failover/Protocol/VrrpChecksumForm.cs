namespace L7Gate.Failover.Protocol;

/// <summary>What a VRRPv3 checksum covers. VRRPv2 always uses <see cref="MessageOnly"/>.</summary>
public enum VrrpChecksumForm
{
    /// <summary>RFC 5798 §5.2.8: IPv4 pseudo-header (src, dst, 0, 112, length) + message. keepalived's default.</summary>
    PseudoHeader,

    /// <summary>Message only, as VRRPv2 does (keepalived <c>v3_checksum_as_v2</c>, RFC 9568 and some vendors).</summary>
    MessageOnly,
}
