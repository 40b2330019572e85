using System.Net;
using System.Net.Sockets;
using L7Gate.Failover.Network.Linux;
using L7Gate.Network.Tests.Lab;
using L7Gate.Network.Tests.Privileged;

namespace L7Gate.Network.Tests.Network.Linux;

public sealed class RawSocketVrrpTransportTests : IDisposable
{
    // keepalived's v3 multicast golden advert (vrrp-notes.md): VRID 51, priority 150, 1 s, VIP .100.
    private static readonly byte[] Advert = Convert.FromHexString("313396010064d367c0000264");
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    private readonly NetnsLab _lab = new();
    private readonly LabNode _n1;
    private readonly LabNode _n2;
    private readonly NetnsThread _t1;
    private readonly NetnsThread _t2;

    public RawSocketVrrpTransportTests()
    {
        _n1 = _lab.AddNode("n1", 11);
        _n2 = _lab.AddNode("n2", 12);
        _t1 = _lab.ThreadIn(_n1);
        _t2 = _lab.ThreadIn(_n2);
    }

    [PrivilegedFact]
    public async Task SendAsync_Multicast_PeerReceivesWithTtl255AndSourceAddress()
    {
        await using var sender = _t1.Invoke(() => RawSocketVrrpTransport.Open(NetnsLab.NodeInterface, _n1.Address, joinMulticast: true));
        await using var receiver = _t2.Invoke(() => RawSocketVrrpTransport.Open(NetnsLab.NodeInterface, _n2.Address, joinMulticast: true));
        using var timeout = new CancellationTokenSource(Timeout);

        var receive = receiver.ReceiveAsync(timeout.Token);
        await sender.SendAsync(Advert, RawSocketVrrpTransport.MulticastGroup, timeout.Token);
        var packet = await receive;

        Assert.Equal(_n1.Address, packet.Source);
        Assert.Equal(IPAddress.Parse("224.0.0.18"), packet.Destination);
        Assert.Equal(255, packet.Ttl);
        Assert.Equal(Advert, packet.VrrpMessage.ToArray());
    }

    [PrivilegedFact]
    public async Task SendAsync_Unicast_PeerReceivesAddressedToItself()
    {
        await using var sender = _t1.Invoke(() => RawSocketVrrpTransport.Open(NetnsLab.NodeInterface, _n1.Address, joinMulticast: false));
        await using var receiver = _t2.Invoke(() => RawSocketVrrpTransport.Open(NetnsLab.NodeInterface, _n2.Address, joinMulticast: false));
        using var timeout = new CancellationTokenSource(Timeout);

        var receive = receiver.ReceiveAsync(timeout.Token);
        await sender.SendAsync(Advert, _n2.Address, timeout.Token);
        var packet = await receive;

        Assert.Equal(_n1.Address, packet.Source);
        Assert.Equal(_n2.Address, packet.Destination);
        Assert.Equal(255, packet.Ttl);
        Assert.Equal(Advert, packet.VrrpMessage.ToArray());
    }

    [PrivilegedFact]
    public async Task SendAsync_Multicast_IpHeaderCarriesTosC0AndProtocol112()
    {
        await using var sender = _t1.Invoke(() => RawSocketVrrpTransport.Open(NetnsLab.NodeInterface, _n1.Address, joinMulticast: true));
        using var sniffer = _t2.Invoke(() =>
        {
            var socket = NativeMethods.RawIPv4Socket(112);
            socket.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.AddMembership, new MulticastOption(RawSocketVrrpTransport.MulticastGroup, _n2.Address));
            return socket;
        });
        using var timeout = new CancellationTokenSource(Timeout);
        var buffer = new byte[256];

        var receive = sniffer.ReceiveAsync(buffer, SocketFlags.None, timeout.Token);
        await sender.SendAsync(Advert, RawSocketVrrpTransport.MulticastGroup, timeout.Token);
        var length = await receive;

        Assert.Equal(20 + Advert.Length, length);
        Assert.Equal(0x45, buffer[0]);
        Assert.Equal(0xC0, buffer[1]);
        Assert.Equal(255, buffer[8]);
        Assert.Equal(112, buffer[9]);
    }

    [PrivilegedFact]
    public async Task SendAsync_Multicast_SenderDoesNotHearItself()
    {
        await using var transport = _t1.Invoke(() => RawSocketVrrpTransport.Open(NetnsLab.NodeInterface, _n1.Address, joinMulticast: true));
        using var timeout = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));

        var receive = transport.ReceiveAsync(timeout.Token).AsTask();
        await transport.SendAsync(Advert, RawSocketVrrpTransport.MulticastGroup, default);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => receive);
    }

    [PrivilegedFact]
    public void Open_UnknownInterface_ThrowsNamingIt()
    {
        var error = Assert.Throws<InvalidOperationException>(() => _t1.Invoke(() => RawSocketVrrpTransport.Open("lgnnope", _n1.Address, true)));

        Assert.Contains("'lgnnope'", error.Message, StringComparison.Ordinal);
    }

    [PrivilegedFact]
    public void Open_SourceNotLocal_ThrowsNamingTheAddress()
    {
        var error = Assert.Throws<InvalidOperationException>(() => _t1.Invoke(() => RawSocketVrrpTransport.Open(NetnsLab.NodeInterface, _n2.Address, true)));

        Assert.Contains("192.0.2.12", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _lab.Dispose();
}
