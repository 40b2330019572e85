using System.Net;

namespace L7Gate.Failover.Network;

/// <summary>
/// Sends and receives VRRP messages (IP protocol 112) on one interface. The kernel builds the IPv4 header
/// (TTL 255, TOS 0xC0); a received packet arrives with the header fields the receive checks need.
/// Real implementation: a raw socket bound to the interface. Tests: an in-memory fake.
/// </summary>
public interface IVrrpTransport : IAsyncDisposable
{
    /// <summary>Send one VRRP message (no IP header) to 224.0.0.18 or a unicast peer.</summary>
    ValueTask SendAsync(ReadOnlyMemory<byte> vrrpMessage, IPAddress destination, CancellationToken cancellationToken);

    /// <summary>Wait for the next protocol-112 packet received on the interface.</summary>
    ValueTask<ReceivedVrrpPacket> ReceiveAsync(CancellationToken cancellationToken);
}

/// <summary>A received VRRP message with the IPv4 header fields the receive checks use.</summary>
public sealed record ReceivedVrrpPacket(IPAddress Source, IPAddress Destination, byte Ttl, ReadOnlyMemory<byte> VrrpMessage);
