using System.Buffers.Binary;
using System.Net;
using System.Text;

namespace L7Gate.Proxy.Streams.ProxyProtocol;

/// <summary>
/// Reads a PROXY protocol v1 or v2 header (HAProxy's proxy-protocol.txt, the spec every implementation follows)
/// from the first bytes of a connection. Pure and span-based; bad input returns a reason, it never throws.
/// </summary>
/// <remarks>
/// <code>
/// v1: "PROXY" SP ("TCP4" | "TCP6" | "UNKNOWN") [SP src SP dst SP sport SP dport] CRLF, at most 107 bytes.
/// v2:  0..11  signature 0D 0A 0D 0A 00 0D 0A 51 55 49 54 0A
///      12     version (high nibble, 2) | command (low nibble: 0 LOCAL, 1 PROXY)
///      13     family (high: 1 INET, 2 INET6) | transport (low: 1 STREAM)
///      14..15 length of what follows (addresses, then TLVs, which are skipped)
///      16..   INET: src(4) dst(4) sport(2) dport(2); INET6: src(16) dst(16) sport(2) dport(2)
/// </code>
/// </remarks>
public static class ProxyProtocolParser
{
    /// <summary>The v2 signature.</summary>
    public static ReadOnlySpan<byte> V2Signature => [0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A];

    /// <summary>Longest v1 header, CRLF included.</summary>
    public const int MaxV1Length = 107;

    /// <summary>Longest v2 header accepted (16-byte preamble plus addresses and TLVs).</summary>
    public const int MaxV2Length = 16 + 2048;

    private static ReadOnlySpan<byte> V1Prefix => "PROXY "u8;

    /// <summary>Parses <paramref name="data"/>; on Complete, <paramref name="consumed"/> is the header's length.</summary>
    public static ProxyProtocolParseStatus TryParse(ReadOnlySpan<byte> data, out ProxyProtocolHeader? header, out int consumed, out string? reason)
    {
        header = null;
        consumed = 0;
        reason = null;
        if (data.IsEmpty)
        {
            return ProxyProtocolParseStatus.NeedMoreData;
        }

        if (data[0] == V2Signature[0])
        {
            return ParseV2(data, out header, out consumed, out reason);
        }

        if (data[0] == (byte)'P')
        {
            return ParseV1(data, out header, out consumed, out reason);
        }

        reason = $"first byte 0x{data[0]:x2} starts neither a v1 nor a v2 PROXY header";
        return ProxyProtocolParseStatus.Malformed;
    }

    private static ProxyProtocolParseStatus ParseV2(ReadOnlySpan<byte> data, out ProxyProtocolHeader? header, out int consumed, out string? reason)
    {
        header = null;
        consumed = 0;
        reason = null;
        var prefix = Math.Min(data.Length, V2Signature.Length);
        if (!data.Slice(0, prefix).SequenceEqual(V2Signature.Slice(0, prefix)))
        {
            reason = "bytes do not match the v2 signature";
            return ProxyProtocolParseStatus.Malformed;
        }

        if (data.Length < 16)
        {
            return ProxyProtocolParseStatus.NeedMoreData;
        }

        var version = data[12] >> 4;
        var command = data[12] & 0x0F;
        if (version != 2)
        {
            reason = $"version {version} is not 2";
            return ProxyProtocolParseStatus.Malformed;
        }

        if (command > 1)
        {
            reason = $"command {command} is neither LOCAL (0) nor PROXY (1)";
            return ProxyProtocolParseStatus.Malformed;
        }

        int length = BinaryPrimitives.ReadUInt16BigEndian(data.Slice(14));
        if (16 + length > MaxV2Length)
        {
            reason = $"header length {length} exceeds the limit";
            return ProxyProtocolParseStatus.Malformed;
        }

        if (data.Length < 16 + length)
        {
            return ProxyProtocolParseStatus.NeedMoreData;
        }

        var family = data[13] >> 4;
        var transport = data[13] & 0x0F;
        var body = data.Slice(16, length);
        consumed = 16 + length;
        if (command == 0 || transport != 1 || family is not (1 or 2))
        {
            // LOCAL, UDP or UNIX: the connection is the balancer's own; keep the real peer addresses.
            header = new ProxyProtocolHeader(2, null, null);
            return ProxyProtocolParseStatus.Complete;
        }

        var addressLength = family == 1 ? 4 : 16;
        if (body.Length < (2 * addressLength) + 4)
        {
            reason = $"length {length} is too short for {(family == 1 ? "IPv4" : "IPv6")} addresses";
            consumed = 0;
            return ProxyProtocolParseStatus.Malformed;
        }

        var source = new IPAddress(body.Slice(0, addressLength));
        var destination = new IPAddress(body.Slice(addressLength, addressLength));
        var sourcePort = BinaryPrimitives.ReadUInt16BigEndian(body.Slice(2 * addressLength));
        var destinationPort = BinaryPrimitives.ReadUInt16BigEndian(body.Slice((2 * addressLength) + 2));
        header = new ProxyProtocolHeader(2, new IPEndPoint(source, sourcePort), new IPEndPoint(destination, destinationPort));
        return ProxyProtocolParseStatus.Complete;
    }

    private static ProxyProtocolParseStatus ParseV1(ReadOnlySpan<byte> data, out ProxyProtocolHeader? header, out int consumed, out string? reason)
    {
        header = null;
        consumed = 0;
        reason = null;
        var prefix = Math.Min(data.Length, V1Prefix.Length);
        if (!data.Slice(0, prefix).SequenceEqual(V1Prefix.Slice(0, prefix)))
        {
            reason = "bytes do not start with \"PROXY \"";
            return ProxyProtocolParseStatus.Malformed;
        }

        var end = data.Slice(0, Math.Min(data.Length, MaxV1Length)).IndexOf("\r\n"u8);
        if (end < 0)
        {
            if (data.Length >= MaxV1Length)
            {
                reason = $"no CRLF within {MaxV1Length} bytes";
                return ProxyProtocolParseStatus.Malformed;
            }

            return ProxyProtocolParseStatus.NeedMoreData;
        }

        var line = data.Slice(0, end);
        foreach (var b in line)
        {
            if (b is < 0x20 or > 0x7E)
            {
                reason = "non-printable byte in the v1 header";
                return ProxyProtocolParseStatus.Malformed;
            }
        }

        var parts = Encoding.ASCII.GetString(line).Split(' ');
        consumed = end + 2;
        if (parts is [_, "UNKNOWN", ..])
        {
            header = new ProxyProtocolHeader(1, null, null);
            return ProxyProtocolParseStatus.Complete;
        }

        if (parts.Length != 6 || parts[1] is not ("TCP4" or "TCP6"))
        {
            reason = "v1 header is not \"PROXY TCP4|TCP6 src dst sport dport\"";
            consumed = 0;
            return ProxyProtocolParseStatus.Malformed;
        }

        var family = parts[1] == "TCP4" ? System.Net.Sockets.AddressFamily.InterNetwork : System.Net.Sockets.AddressFamily.InterNetworkV6;
        if (!IPAddress.TryParse(parts[2], out var source) || source.AddressFamily != family
            || !IPAddress.TryParse(parts[3], out var destination) || destination.AddressFamily != family
            || !TryParsePort(parts[4], out var sourcePort) || !TryParsePort(parts[5], out var destinationPort))
        {
            reason = $"v1 addresses or ports are not valid {parts[1]}";
            consumed = 0;
            return ProxyProtocolParseStatus.Malformed;
        }

        header = new ProxyProtocolHeader(1, new IPEndPoint(source, sourcePort), new IPEndPoint(destination, destinationPort));
        return ProxyProtocolParseStatus.Complete;
    }

    private static bool TryParsePort(string text, out int port) =>
        int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out port)
        && port <= 65535 && (text.Length == 1 || text[0] != '0');
}
