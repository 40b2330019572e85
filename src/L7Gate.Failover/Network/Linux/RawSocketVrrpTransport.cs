using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;
using L7Gate.Failover.Network.Linux.Netlink;
using static L7Gate.Failover.Network.Linux.LinuxSocketOptions;

namespace L7Gate.Failover.Network.Linux;

/// <summary>
/// <see cref="IVrrpTransport"/> over two raw IPv4 sockets for protocol 112, both bound to the interface
/// (SO_BINDTODEVICE). The kernel builds the IP header: TTL 255 (unicast and multicast), TOS 0xC0.
/// </summary>
/// <remarks>
/// Why two sockets: binding a raw socket to the source address is how the advert gets the right source
/// (the interface's primary address or UnicastSource, even when a VIP in another subnet exists), but a
/// bound raw socket only receives packets addressed to that address and would miss 224.0.0.18. So one
/// bound socket sends, and one unbound socket (member of 224.0.0.18 in multicast mode) receives.
/// Multicast loop is off so a node does not hear itself; the engine still drops its own source address.
/// </remarks>
public sealed class RawSocketVrrpTransport : IVrrpTransport
{
    /// <summary>VRRP's IPv4 multicast group (RFC 5798 §5.1.1.2).</summary>
    public static readonly IPAddress MulticastGroup = IPAddress.Parse("224.0.0.18");

    // IP header (≤ 60) + VRRP header (8) + 255 addresses + v2 auth (8), with room for junk.
    private const int ReceiveBufferLength = 2048;

    // The send socket also collects adverts addressed to its source address; nobody reads them,
    // so keep its queue at the kernel's minimum instead of letting it hold ~200 KB.
    private const int SendSocketReceiveBuffer = 1;

    private readonly Socket _sender;
    private readonly Socket _receiver;
    private readonly byte[] _receiveBuffer = new byte[ReceiveBufferLength];

    private RawSocketVrrpTransport(Socket sender, Socket receiver, string interfaceName, IPAddress source, bool multicast)
    {
        _sender = sender;
        _receiver = receiver;
        InterfaceName = interfaceName;
        Source = source;
        Multicast = multicast;
    }

    /// <summary>The interface both sockets are bound to.</summary>
    public string InterfaceName { get; }

    /// <summary>The source address of sent adverts.</summary>
    public IPAddress Source { get; }

    /// <summary>Whether the receive socket joined 224.0.0.18.</summary>
    public bool Multicast { get; }

    /// <summary>Opens the sockets. Needs CAP_NET_RAW; throws with the reason when the interface or address is unusable.</summary>
    public static RawSocketVrrpTransport Open(string interfaceName, IPAddress source, bool joinMulticast) =>
        Open(interfaceName, source, joinMulticast, interfaceName);

    /// <summary>
    /// As <see cref="Open(string, IPAddress, bool)"/>, with the send socket bound to <paramref name="sendInterfaceName"/>:
    /// a virtual MAC macvlan, so adverts carry its MAC as Ethernet source. It may be down while this node is backup (a
    /// backup sends nothing); the socket works once the link is up.
    /// </summary>
    public static RawSocketVrrpTransport Open(string interfaceName, IPAddress source, bool joinMulticast, string sendInterfaceName)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (source.AddressFamily != AddressFamily.InterNetwork)
        {
            throw new ArgumentException($"VRRP source {source} is not IPv4.", nameof(source));
        }

        var index = NetlinkInterface.Find(interfaceName)?.Index
            ?? throw new InvalidOperationException($"VRRP interface '{interfaceName}' does not exist.");
        var sendIndex = sendInterfaceName == interfaceName ? index : NetlinkInterface.Find(sendInterfaceName)?.Index
            ?? throw new InvalidOperationException($"VRRP send interface '{sendInterfaceName}' does not exist.");

        Socket? sender = null;
        Socket? receiver = null;
        try
        {
            sender = CreateRawSocket(sendInterfaceName);
            ConfigureSender(sender, sendIndex, source);
            receiver = CreateRawSocket(interfaceName);
            if (joinMulticast)
            {
                receiver.SetRawSocketOption(IPPROTO_IP, IP_ADD_MEMBERSHIP, IpMreqn(MulticastGroup, IPAddress.Any, index));
            }

            return new RawSocketVrrpTransport(sender, receiver, interfaceName, source, joinMulticast);
        }
        catch (SocketException ex)
        {
            sender?.Dispose();
            receiver?.Dispose();
            var hint = ex.SocketErrorCode switch
            {
                SocketError.AccessDenied => " VRRP needs CAP_NET_RAW (run as root or grant the capability).",
                SocketError.AddressNotAvailable => $" {source} is not an address of this host.",
                _ => string.Empty,
            };
            throw new InvalidOperationException($"Cannot open the VRRP socket on '{interfaceName}' from {source}: {ex.Message}.{hint}", ex);
        }
    }

    /// <inheritdoc />
    public async ValueTask SendAsync(ReadOnlyMemory<byte> vrrpMessage, IPAddress destination, CancellationToken cancellationToken)
    {
        await _sender.SendToAsync(vrrpMessage, SocketFlags.None, new IPEndPoint(destination, 0), cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    /// <remarks>The returned message is a copy; the IPv4 header is stripped using its IHL.</remarks>
    public async ValueTask<ReceivedVrrpPacket> ReceiveAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var received = await _receiver.ReceiveAsync(_receiveBuffer, SocketFlags.None, cancellationToken).ConfigureAwait(false);
            var packet = _receiveBuffer.AsSpan(0, received);
            if (!Ipv4Header.TryParse(packet, out var header) || header.Protocol != IPPROTO_VRRP)
            {
                continue; // the kernel only hands over well-formed protocol-112 datagrams; be safe anyway
            }

            var end = Math.Min(received, header.TotalLength);
            var message = packet[header.HeaderLength..end].ToArray();
            return new ReceivedVrrpPacket(header.Source, header.Destination, header.Ttl, message);
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        _sender.Dispose();
        _receiver.Dispose();
        return ValueTask.CompletedTask;
    }

    private static Socket CreateRawSocket(string interfaceName)
    {
        // new Socket(InterNetwork, Raw, (ProtocolType)112) fails with "Protocol not supported": .NET only
        // passes protocol numbers it knows to the kernel. Open the fd with libc and let Socket adopt it.
        var fd = LibC.socket(LibC.AF_INET, LibC.SOCK_RAW | LibC.SOCK_CLOEXEC, IPPROTO_VRRP);
        if (fd < 0)
        {
            throw new SocketException(Marshal.GetLastPInvokeError());
        }

        var socket = new Socket(new SafeSocketHandle(fd, ownsHandle: true));
        try
        {
            socket.SetRawSocketOption(SOL_SOCKET, SO_BINDTODEVICE, Encoding.ASCII.GetBytes(interfaceName + "\0"));
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static void ConfigureSender(Socket socket, int index, IPAddress source)
    {
        socket.SetRawSocketOption(IPPROTO_IP, IP_TTL, Int(VrrpTtl));
        socket.SetRawSocketOption(IPPROTO_IP, IP_MULTICAST_TTL, Int(VrrpTtl));
        socket.SetRawSocketOption(IPPROTO_IP, IP_TOS, Int(TosInternetworkControl));
        socket.SetRawSocketOption(IPPROTO_IP, IP_MULTICAST_LOOP, Int(0));
        socket.SetRawSocketOption(IPPROTO_IP, IP_MULTICAST_IF, IpMreqn(IPAddress.Any, source, index));
        socket.ReceiveBufferSize = SendSocketReceiveBuffer;
        socket.Bind(new IPEndPoint(source, 0));
    }

    private static byte[] Int(int value) => BitConverter.GetBytes(value);

    // struct ip_mreqn { struct in_addr imr_multiaddr; struct in_addr imr_address; int imr_ifindex; }
    private static byte[] IpMreqn(IPAddress group, IPAddress local, int index)
    {
        var value = new byte[12];
        group.TryWriteBytes(value.AsSpan(0, 4), out _);
        local.TryWriteBytes(value.AsSpan(4, 4), out _);
        BitConverter.TryWriteBytes(value.AsSpan(8, 4), index);
        return value;
    }
}
