using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using L7Gate.Proxy.Streams.Configuration;

namespace L7Gate.Proxy.Streams.ProxyProtocol;

/// <summary>Builds the PROXY header sent to a backend (HAProxy's <c>send-proxy</c> / <c>send-proxy-v2</c>).</summary>
public static class ProxyProtocolWriter
{
    /// <summary>The header announcing <paramref name="source"/> connected to <paramref name="destination"/>.</summary>
    public static byte[] Write(ProxyProtocolVersion version, IPEndPoint? source, IPEndPoint? destination)
    {
        if (source is not null && destination is not null)
        {
            // A dual-stack listener sees IPv4 clients as ::ffff:a.b.c.d; backends expect plain IPv4.
            source = Normalize(source);
            destination = Normalize(destination);
            if (source.AddressFamily != destination.AddressFamily)
            {
                source = null;
                destination = null;
            }
        }

        return version switch
        {
            ProxyProtocolVersion.V1 => WriteV1(source, destination),
            ProxyProtocolVersion.V2 => WriteV2(source, destination),
            _ => [],
        };
    }

    private static byte[] WriteV1(IPEndPoint? source, IPEndPoint? destination)
    {
        if (source is null || destination is null)
        {
            return "PROXY UNKNOWN\r\n"u8.ToArray();
        }

        var family = source.AddressFamily == AddressFamily.InterNetwork ? "TCP4" : "TCP6";
        return Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture,
            $"PROXY {family} {source.Address} {destination.Address} {source.Port} {destination.Port}\r\n"));
    }

    private static byte[] WriteV2(IPEndPoint? source, IPEndPoint? destination)
    {
        var addressLength = source is null ? 0 : source.AddressFamily == AddressFamily.InterNetwork ? 4 : 16;
        var bodyLength = addressLength == 0 ? 0 : (2 * addressLength) + 4;
        var header = new byte[16 + bodyLength];
        ProxyProtocolParser.V2Signature.CopyTo(header);
        if (source is null || destination is null)
        {
            header[12] = 0x20; // v2, LOCAL
            header[13] = 0x00; // UNSPEC
            return header;
        }

        header[12] = 0x21; // v2, PROXY
        header[13] = addressLength == 4 ? (byte)0x11 : (byte)0x21; // INET/INET6, STREAM
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(14), (ushort)bodyLength);
        source.Address.TryWriteBytes(header.AsSpan(16, addressLength), out _);
        destination.Address.TryWriteBytes(header.AsSpan(16 + addressLength, addressLength), out _);
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(16 + (2 * addressLength)), (ushort)source.Port);
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(18 + (2 * addressLength)), (ushort)destination.Port);
        return header;
    }

    private static IPEndPoint Normalize(IPEndPoint endpoint) =>
        endpoint.Address.IsIPv4MappedToIPv6 ? new IPEndPoint(endpoint.Address.MapToIPv4(), endpoint.Port) : endpoint;
}
