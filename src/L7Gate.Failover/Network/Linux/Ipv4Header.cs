using System.Buffers.Binary;
using System.Net;

namespace L7Gate.Failover.Network.Linux;

/// <summary>
/// The IPv4 header a raw socket hands over with every received packet (RFC 791 §3.1). Linux delivers it
/// as it was on the wire (network byte order, unlike BSD).
/// <code>
///  0                   1                   2                   3
/// |Version|  IHL  |Type of Service|          Total Length         |
/// |         Identification        |Flags|      Fragment Offset    |
/// |  Time to Live |    Protocol   |         Header Checksum       |
/// |                       Source Address                          |
/// |                    Destination Address                        |
/// |                    Options (IHL > 5)                          |
/// </code>
/// </summary>
internal readonly record struct Ipv4Header(IPAddress Source, IPAddress Destination, byte Ttl, byte Protocol, int HeaderLength, int TotalLength)
{
    public const int MinimumLength = 20;
    private const int TotalLengthOffset = 2;
    private const int TtlOffset = 8;
    private const int ProtocolOffset = 9;
    private const int SourceOffset = 12;
    private const int DestinationOffset = 16;

    /// <summary>Parses the header; false when the bytes are not a plausible IPv4 header.</summary>
    public static bool TryParse(ReadOnlySpan<byte> packet, out Ipv4Header header)
    {
        header = default;
        if (packet.Length < MinimumLength || packet[0] >> 4 != 4)
        {
            return false;
        }

        var headerLength = (packet[0] & 0x0F) * 4;
        var totalLength = BinaryPrimitives.ReadUInt16BigEndian(packet[TotalLengthOffset..]);
        if (headerLength < MinimumLength || headerLength > packet.Length || totalLength < headerLength)
        {
            return false;
        }

        header = new Ipv4Header(
            new IPAddress(packet.Slice(SourceOffset, 4)),
            new IPAddress(packet.Slice(DestinationOffset, 4)),
            packet[TtlOffset],
            packet[ProtocolOffset],
            headerLength,
            totalLength);
        return true;
    }
}
