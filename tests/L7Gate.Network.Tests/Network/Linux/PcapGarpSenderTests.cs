using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using L7Gate.Failover.Network.Linux;
using L7Gate.Network.Tests.Lab;
using L7Gate.Network.Tests.Privileged;

namespace L7Gate.Network.Tests.Network.Linux;

public sealed class PcapGarpSenderTests : IDisposable
{
    private const int EthPAll = 0x0003;
    private static readonly IPAddress Vip = NetnsLab.Address(100);
    private readonly NetnsLab _lab = new();
    private readonly LabNode _n1;
    private readonly LabNode _n2;
    private readonly NetnsThread _t1;
    private readonly NetnsThread _t2;
    private readonly PcapGarpSender _garp = new();

    public PcapGarpSenderTests()
    {
        _n1 = _lab.AddNode("n1", 11);
        _n2 = _lab.AddNode("n2", 12);
        _t1 = _lab.ThreadIn(_n1);
        _t2 = _lab.ThreadIn(_n2);
    }

    [PrivilegedFact]
    public async Task SendAsync_Vip_BroadcastsArpRequestFromVipWithNicMac()
    {
        using var capture = _t1.Invoke(() => new Socket(AddressFamily.Packet, SocketType.Raw, (ProtocolType)IPAddress.HostToNetworkOrder((short)EthPAll)));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        var n2Mac = Mac(_n2);
        var buffer = new byte[2048];

        var frames = ReadArpFrame(capture, buffer, timeout.Token);
        _t2.Invoke(() => { _garp.SendAsync(NetnsLab.NodeInterface, Vip, default).GetAwaiter().GetResult(); return true; });
        var frame = await frames;

        Assert.Equal("FFFFFFFFFFFF", Convert.ToHexString(frame, 0, 6));              // Ethernet broadcast
        Assert.Equal(n2Mac, Convert.ToHexString(frame, 6, 6));                       // from the NIC's MAC
        Assert.Equal("0806", Convert.ToHexString(frame, 12, 2));                     // ARP
        Assert.Equal("0001", Convert.ToHexString(frame, 20, 2));                     // request, as keepalived sends
        Assert.Equal(n2Mac, Convert.ToHexString(frame, 22, 6));                      // sender MAC
        Assert.Equal(Vip, new IPAddress(frame.AsSpan(28, 4)));                       // sender IP = VIP
        Assert.Equal(Vip, new IPAddress(frame.AsSpan(38, 4)));                       // target IP = VIP
    }

    [PrivilegedFact]
    public async Task SendAsync_NeighbourHasOldMac_NeighbourCacheMovesToNewMaster()
    {
        // n1 last saw the VIP at another MAC (the old master). The kernel lets a neighbour entry be
        // overridden only after locktime (1 s by default), as it would be for a master of some age.
        Shell.Run("ip", "-n", _n1.Namespace, "neigh", "replace", Vip.ToString(), "lladdr", "02:00:00:00:00:01", "dev", NetnsLab.NodeInterface, "nud", "stale");
        await Task.Delay(TimeSpan.FromSeconds(1.2));

        _t2.Invoke(() => { _garp.SendAsync(NetnsLab.NodeInterface, Vip, default).GetAwaiter().GetResult(); return true; });
        await Task.Delay(200);

        var neighbour = Shell.Run("ip", "-n", _n1.Namespace, "neigh", "show", Vip.ToString(), "dev", NetnsLab.NodeInterface);
        Assert.Contains(FormatMac(Mac(_n2)), neighbour, StringComparison.OrdinalIgnoreCase);
    }

    [PrivilegedFact]
    public void SendAsync_UnknownInterface_ThrowsNamingIt()
    {
        var error = Assert.Throws<InvalidOperationException>(() => _t2.Invoke(() => { _garp.SendAsync("lgnnope", Vip, default).GetAwaiter().GetResult(); return true; }));

        Assert.Contains("'lgnnope'", error.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _garp.Dispose();
        _lab.Dispose();
    }

    private static async Task<byte[]> ReadArpFrame(Socket capture, byte[] buffer, CancellationToken cancellationToken)
    {
        while (true)
        {
            var length = await capture.ReceiveAsync(buffer, SocketFlags.None, cancellationToken);
            if (length >= 42 && buffer[12] == 0x08 && buffer[13] == 0x06)
            {
                return buffer[..length];
            }
        }
    }

    private static string Mac(LabNode node) => NetnsLab.MacOf(node).ToString();

    private static string FormatMac(string hex) => string.Join(':', hex.Chunk(2).Select(c => new string(c))).ToLowerInvariant();
}
