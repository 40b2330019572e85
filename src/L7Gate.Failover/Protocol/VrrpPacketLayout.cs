namespace L7Gate.Failover.Protocol;

/// <summary>
/// Byte offsets of the VRRP message (after the IPv4 header), shared by both versions.
/// </summary>
/// <remarks>
/// VRRPv2, RFC 3768 §5.1:
/// <code>
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |Version| Type  | Virtual Rtr ID|   Priority    | Count IP Addrs|
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |   Auth Type   |   Adver Int   |          Checksum             |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                         IP Address (1)                        |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                            .........                          |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                     Authentication Data (1)                   |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                     Authentication Data (2)                   |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// VRRPv3, RFC 5798 §5.1 (IPv4):
/// <code>
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |Version| Type  | Virtual Rtr ID|   Priority    |Count IPvX Addr|
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |(rsvd) |     Max Adver Int     |          Checksum             |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                       IPvX Address(es)                        |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// </remarks>
internal static class VrrpPacketLayout
{
    public const int VersionTypeOffset = 0;
    public const int VirtualRouterIdOffset = 1;
    public const int PriorityOffset = 2;
    public const int CountOffset = 3;

    /// <summary>v2: Auth Type byte. v3: high nibble reserved, low nibble + next byte = Max Adver Int.</summary>
    public const int AuthTypeOffset = 4;
    public const int V2AdverIntOffset = 5;
    public const int V3MaxAdverIntOffset = 4;
    public const int ChecksumOffset = 6;
    public const int AddressesOffset = 8;

    public const int HeaderLength = 8;
    public const int AddressLength = 4;
    public const int V2AuthDataLength = 8;

    /// <summary>Type 1 is the only VRRP message type (ADVERTISEMENT).</summary>
    public const byte TypeAdvertisement = 1;

    /// <summary>IP protocol number of VRRP, used in the v3 pseudo-header (RFC 5798 §5.2.8).</summary>
    public const byte IpProtocol = 112;

    /// <summary>v3 Max Adver Int is 12 bits of centiseconds (RFC 5798 §5.2.7).</summary>
    public const int V3MaxAdverIntMask = 0x0FFF;

    public static int MessageLength(int version, int count) =>
        HeaderLength + (count * AddressLength) + (version == 2 ? V2AuthDataLength : 0);
}
