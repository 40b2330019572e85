using System.Buffers.Binary;
using System.Text;

namespace L7Gate.Proxy.Streams.Tls;

/// <summary>
/// Reads the server_name (SNI) of a TLS ClientHello from the first bytes of a connection without terminating TLS,
/// as HAProxy's <c>req.ssl_sni</c> and nginx's <c>ssl_preread</c> do. Pure and span-based; bad input returns a
/// reason, it never throws.
/// </summary>
/// <remarks>
/// <code>
/// TLSPlaintext (RFC 8446 §5.1)      Handshake (§4)                ClientHello (§4.1.2)
///  0      content_type = 22          0     msg_type = 1            0   legacy_version (2)
///  1..2   legacy_record_version      1..3  length (uint24)         2   random (32)
///  3..4   length (≤ 2^14)            4..   body                    34  session_id  (uint8 length)
///  5..    fragment                                                     cipher_suites (uint16 length)
///                                                                      compression_methods (uint8 length)
///                                                                      extensions (uint16 length)
/// server_name extension (RFC 6066 §3): type 0, ServerNameList (uint16 length) of
///  { name_type (0 = host_name), HostName (uint16 length) }.
/// </code>
/// A ClientHello may span several handshake records; their fragments are joined up to <see cref="MaxHandshakeBytes"/>.
/// </remarks>
public static class ClientHelloParser
{
    /// <summary>Largest ClientHello accepted (handshake message bytes); larger ones are Malformed. 16 KiB, HAProxy's tune.bufsize.</summary>
    public const int MaxHandshakeBytes = 16 * 1024;

    private const int RecordHeaderLength = 5;
    private const byte HandshakeContentType = 22;
    private const byte ClientHelloType = 1;
    private const ushort ServerNameExtension = 0;
    private const byte HostNameType = 0;

    /// <summary>Parses <paramref name="data"/>, the connection's first bytes.</summary>
    /// <param name="data">Bytes received so far.</param>
    /// <param name="serverName">The SNI host name (lower case) on <see cref="ClientHelloParseStatus.Complete"/>, or null when absent.</param>
    /// <param name="reason">Why, on <see cref="ClientHelloParseStatus.Malformed"/> or <see cref="ClientHelloParseStatus.NotTls"/>.</param>
    public static ClientHelloParseStatus TryParse(ReadOnlySpan<byte> data, out string? serverName, out string? reason)
    {
        serverName = null;
        reason = null;
        if (data.IsEmpty)
        {
            return ClientHelloParseStatus.NeedMoreData;
        }

        if (data[0] != HandshakeContentType)
        {
            reason = $"first byte 0x{data[0]:x2} is not a TLS handshake record";
            return ClientHelloParseStatus.NotTls;
        }

        var status = JoinHandshake(data, out var handshake, out reason);
        if (status != ClientHelloParseStatus.Complete)
        {
            return status;
        }

        return ParseClientHello(handshake, out serverName, out reason);
    }

    // Concatenates record fragments until the handshake message named by the first 4 bytes is whole.
    private static ClientHelloParseStatus JoinHandshake(ReadOnlySpan<byte> data, out byte[] handshake, out string? reason)
    {
        handshake = [];
        reason = null;
        var joined = new List<byte>();
        var needed = -1;
        var offset = 0;
        while (true)
        {
            if (data.Length - offset < RecordHeaderLength)
            {
                return ClientHelloParseStatus.NeedMoreData;
            }

            var record = data.Slice(offset);
            if (record[0] != HandshakeContentType)
            {
                reason = $"record at byte {offset} has content type {record[0]}, expected handshake (22)";
                return ClientHelloParseStatus.Malformed;
            }

            if (record[1] != 3)
            {
                reason = $"record version {record[1]}.{record[2]} is not TLS (3.x)";
                return ClientHelloParseStatus.Malformed;
            }

            int length = BinaryPrimitives.ReadUInt16BigEndian(record.Slice(3));
            if (length == 0 || length > 16384 + 2048)
            {
                reason = $"record length {length} is out of range";
                return ClientHelloParseStatus.Malformed;
            }

            var available = Math.Min(length, record.Length - RecordHeaderLength);
            joined.AddRange(record.Slice(RecordHeaderLength, available));
            if (needed < 0 && joined.Count >= 4)
            {
                if (joined[0] != ClientHelloType)
                {
                    reason = $"handshake message type {joined[0]} is not ClientHello (1)";
                    return ClientHelloParseStatus.Malformed;
                }

                needed = 4 + ((joined[1] << 16) | (joined[2] << 8) | joined[3]);
                if (needed > MaxHandshakeBytes)
                {
                    reason = $"ClientHello of {needed} bytes exceeds the {MaxHandshakeBytes}-byte limit";
                    return ClientHelloParseStatus.Malformed;
                }
            }

            if (needed >= 0 && joined.Count >= needed)
            {
                handshake = joined.GetRange(0, needed).ToArray();
                return ClientHelloParseStatus.Complete;
            }

            if (available < length)
            {
                return ClientHelloParseStatus.NeedMoreData;
            }

            offset += RecordHeaderLength + length;
        }
    }

    private static ClientHelloParseStatus ParseClientHello(ReadOnlySpan<byte> handshake, out string? serverName, out string? reason)
    {
        serverName = null;
        var body = handshake.Slice(4);
        var at = 2 + 32; // legacy_version, random
        if (!Skip(body, ref at, 1, "session_id", out reason)
            || !Skip(body, ref at, 2, "cipher_suites", out reason)
            || !Skip(body, ref at, 1, "compression_methods", out reason))
        {
            return ClientHelloParseStatus.Malformed;
        }

        if (at == body.Length)
        {
            // No extensions at all (allowed before TLS 1.3): no SNI.
            return ClientHelloParseStatus.Complete;
        }

        if (body.Length - at < 2)
        {
            reason = "truncated extensions length";
            return ClientHelloParseStatus.Malformed;
        }

        int extensionsLength = BinaryPrimitives.ReadUInt16BigEndian(body.Slice(at));
        at += 2;
        if (extensionsLength != body.Length - at)
        {
            reason = $"extensions length {extensionsLength} does not match the {body.Length - at} bytes left";
            return ClientHelloParseStatus.Malformed;
        }

        var extensions = body.Slice(at);
        while (!extensions.IsEmpty)
        {
            if (extensions.Length < 4)
            {
                reason = "truncated extension header";
                return ClientHelloParseStatus.Malformed;
            }

            var type = BinaryPrimitives.ReadUInt16BigEndian(extensions);
            int length = BinaryPrimitives.ReadUInt16BigEndian(extensions.Slice(2));
            if (length > extensions.Length - 4)
            {
                reason = $"extension {type} length {length} runs past the ClientHello";
                return ClientHelloParseStatus.Malformed;
            }

            if (type == ServerNameExtension)
            {
                return ParseServerName(extensions.Slice(4, length), out serverName, out reason);
            }

            extensions = extensions.Slice(4 + length);
        }

        return ClientHelloParseStatus.Complete;
    }

    private static ClientHelloParseStatus ParseServerName(ReadOnlySpan<byte> extension, out string? serverName, out string? reason)
    {
        serverName = null;
        reason = null;
        if (extension.Length < 2 || BinaryPrimitives.ReadUInt16BigEndian(extension) != extension.Length - 2)
        {
            reason = "server_name list length does not match the extension";
            return ClientHelloParseStatus.Malformed;
        }

        var list = extension.Slice(2);
        while (!list.IsEmpty)
        {
            if (list.Length < 3)
            {
                reason = "truncated server_name entry";
                return ClientHelloParseStatus.Malformed;
            }

            var nameType = list[0];
            int length = BinaryPrimitives.ReadUInt16BigEndian(list.Slice(1));
            if (length > list.Length - 3)
            {
                reason = $"server_name entry length {length} runs past the list";
                return ClientHelloParseStatus.Malformed;
            }

            var name = list.Slice(3, length);
            if (nameType == HostNameType)
            {
                if (length == 0 || length > 255 || !IsHostName(name))
                {
                    reason = "server_name host name is empty, too long or not a DNS name";
                    return ClientHelloParseStatus.Malformed;
                }

                serverName = Encoding.ASCII.GetString(name).TrimEnd('.').ToLowerInvariant();
                return ClientHelloParseStatus.Complete;
            }

            list = list.Slice(3 + length);
        }

        return ClientHelloParseStatus.Complete;
    }

    private static bool IsHostName(ReadOnlySpan<byte> name)
    {
        foreach (var b in name)
        {
            if (!(b is >= (byte)'a' and <= (byte)'z' or >= (byte)'A' and <= (byte)'Z' or >= (byte)'0' and <= (byte)'9' or (byte)'-' or (byte)'.' or (byte)'_'))
            {
                return false;
            }
        }

        return true;
    }

    private static bool Skip(ReadOnlySpan<byte> body, ref int at, int lengthBytes, string field, out string? reason)
    {
        reason = null;
        if (body.Length - at < lengthBytes)
        {
            reason = $"truncated {field} length";
            return false;
        }

        var length = lengthBytes == 1 ? body[at] : BinaryPrimitives.ReadUInt16BigEndian(body.Slice(at));
        at += lengthBytes;
        if (length > body.Length - at)
        {
            reason = $"{field} length {length} runs past the ClientHello";
            return false;
        }

        at += length;
        return true;
    }
}
