namespace L7Gate.Failover.Protocol;

/// <summary>Why a received VRRP packet was dropped. Each reason is counted separately (l7gate.vrrp.adverts.dropped{reason}).</summary>
public enum VrrpDropReason
{
    /// <summary>Not dropped.</summary>
    None = 0,

    /// <summary>Shorter than the 8-byte header.</summary>
    TooShort,

    /// <summary>Shorter than the count of addresses (and v2 auth data) requires.</summary>
    LengthMismatch,

    /// <summary>Version nibble is neither 2 nor 3.</summary>
    UnknownVersion,

    /// <summary>A valid version other than the one this instance is configured with (v2/v3 mismatch causes split brain).</summary>
    VersionMismatch,

    /// <summary>Type nibble is not 1 (ADVERTISEMENT).</summary>
    BadType,

    /// <summary>Checksum matches neither accepted form.</summary>
    BadChecksum,

    /// <summary>IPv4 TTL is not 255 (multicast mode; RFC 5798 §7.1).</summary>
    BadTtl,

    /// <summary>v2 auth type differs from the configured one.</summary>
    AuthTypeMismatch,

    /// <summary>v2 simple password differs from the configured one.</summary>
    AuthFailure,

    /// <summary>v2 advertisement interval differs from ours (RFC 3768 §7.1).</summary>
    IntervalMismatch,

    /// <summary>VRID that no instance on this interface is configured with (another VRRP cluster on the LAN).</summary>
    UnknownVrid,

    /// <summary>Sent to 224.0.0.18 while this instance is configured for unicast peers.</summary>
    UnexpectedMulticast,

    /// <summary>Sent to a unicast address while this instance is configured for multicast.</summary>
    UnexpectedUnicast,

    /// <summary>Unicast advert whose source is not among the configured peers.</summary>
    SourceNotPeer,

    /// <summary>Our own advert looped back.</summary>
    OwnAdvert,

    /// <summary>For another L7Gate instance on the same interface: that instance handles it; not counted as a drop.</summary>
    OtherInstance,
}
