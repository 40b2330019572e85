using System.Diagnostics;
using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using L7Gate.Network.Tests.Lab;
using L7Gate.Network.Tests.Privileged;
using static L7Gate.Network.Tests.Failover.FailoverScenario;

namespace L7Gate.Network.Tests.Failover;

/// <summary>
/// The one moment a planned handover cannot cover by timing alone: a client completed its handshake with the old
/// master, and its request leaves after the new master's gratuitous ARP moved it. With <c>HandoverForwarding</c> the
/// new master hands the connection's packets to the old master, which still holds the VIP and answers; without it the
/// new master has no such connection and resets it, as a keepalived pair does. And while the old master drains with
/// the VIP still on its interface, only the new master answers ARP for it.
/// </summary>
public sealed class HandoverForwardingTests
{
    private const string Table = "l7gate_handover_51_lgn0";

    [PrivilegedTheory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Maintenance_RequestOnConnectionOpenedBeforeTakeover_ServedOnlyWithForwarding(bool forwarding)
    {
        using var lab = await FailoverLab.CreateAsync();
        lab.L7GateSettings["Failover:HandoverForwarding"] = forwarding ? "true" : "false";
        var (n1, n2) = (lab.Nodes[0], lab.Nodes[1]);

        // A forwarding a crashed run left behind goes at start, whether or not this run forwards.
        Shell.Run("ip", "netns", "exec", n2.Namespace, "nft", "add", "table", "netdev", Table);

        // 500 ms adverts: a 1 s handover grace, so the request below surely falls inside it on a busy runner.
        var g1 = await StartPairAsync(lab, TimeSpan.FromMilliseconds(500));
        Assert.DoesNotContain(Table, NetnsLab.RulesetOf(n2), StringComparison.Ordinal);
        await Task.Delay(TimeSpan.FromSeconds(1.2)); // the client's ARP entry is past locktime, as in a running system

        var endpoint = new IPEndPoint(FailoverLab.Vip1, L7GateNode.ProxyPort);
        using var connection = await Tcp.CreateAsync(lab.ClientThread);
        await connection.ConnectAsync(endpoint);
        var n2Mac = NetnsLab.MacOf(n2);
        Assert.Equal(NetnsLab.MacOf(n1), NetnsLab.NeighbourOf(lab.Client, FailoverLab.Vip1));

        var enter = await g1.MaintenanceAsync(enter: true);
        Assert.True(enter.Ok, $"POST maintenance: {enter.Status} {enter.Body}{Environment.NewLine}{lab.Logs()}");
        var moved = Stopwatch.StartNew();
        while (!n2Mac.Equals(NetnsLab.NeighbourOf(lab.Client, FailoverLab.Vip1)))
        {
            Assert.True(moved.Elapsed < TimeSpan.FromSeconds(3), $"the client's ARP entry for the VIP never moved to n2 ({n2Mac}){Environment.NewLine}{lab.Logs()}");
            await Task.Delay(5);
        }

        var result = await HttpProbe.GetOnAsync(connection, endpoint, TimeSpan.FromSeconds(2));

        if (forwarding)
        {
            Assert.True(result.Ok, $"the request on the connection opened with n1 failed: {result.Status}{Environment.NewLine}{lab.Logs()}");
            Assert.Contains("backend be1", result.Body, StringComparison.Ordinal);
            Assert.Contains("forwards connections 192.0.2.11 opened", lab.Logs(), StringComparison.Ordinal);

            // The forwarding ends with the grace (1 s here): later packets of unknown connections are n2's to reset.
            var ended = Stopwatch.StartNew();
            while (NetnsLab.RulesetOf(n2).Contains(Table, StringComparison.Ordinal))
            {
                Assert.True(ended.Elapsed < TimeSpan.FromSeconds(5), $"n2's handover forwarding outlived its grace{Environment.NewLine}{lab.Logs()}");
                await Task.Delay(50);
            }
        }
        else
        {
            Assert.Equal("ConnectionReset", result.Status);
        }
    }

    [PrivilegedFact]
    public async Task Maintenance_ClientResolvesVipDuringDrain_OnlyTheNewMasterAnswersArp()
    {
        using var lab = await FailoverLab.CreateAsync();
        var (n1, n2) = (lab.Nodes[0], lab.Nodes[1]);
        var g1 = await StartPairAsync(lab, TimeSpan.FromSeconds(1)); // a 2 s drain grace: the ARP check below surely falls inside it
        var n2Mac = NetnsLab.MacOf(n2);

        var enter = await g1.MaintenanceAsync(enter: true);
        Assert.True(enter.Ok, $"POST maintenance: {enter.Status} {enter.Body}{Environment.NewLine}{lab.Logs()}");
        Assert.NotNull(await lab.Watch(n2).WaitAsync(FailoverLab.Vip1, Stopwatch.GetTimestamp(), TimeSpan.FromSeconds(3)));

        // A client that (re)resolves the VIP now, while n1 still holds it for the drain, broadcasts an ARP request.
        using var capture = lab.ClientThread.Invoke(() => new Socket(AddressFamily.Packet, SocketType.Raw, (ProtocolType)IPAddress.HostToNetworkOrder((short)0x0806)));
        Shell.Run("ip", "-n", lab.Client.Namespace, "neigh", "flush", "dev", NetnsLab.NodeInterface, "to", FailoverLab.Vip1.ToString());
        var served = await lab.GetAsync(FailoverLab.Vip1);
        var replies = await ArpRepliesForAsync(capture, FailoverLab.Vip1, TimeSpan.FromMilliseconds(300));
        var n1StillHolds = lab.Watch(n1).Has(FailoverLab.Vip1);

        Assert.True(n1StillHolds, $"the check came after n1's drain grace; it proves nothing{Environment.NewLine}{lab.Logs()}");
        Assert.Equal([n2Mac], replies);
        Assert.True(served.Ok, $"GET through the VIP: {served.Status}{Environment.NewLine}{lab.Logs()}");
        Assert.Equal(n2Mac, NetnsLab.NeighbourOf(lab.Client, FailoverLab.Vip1));
    }

    // The sender MACs of the ARP replies for address seen within the window.
    private static async Task<List<PhysicalAddress>> ArpRepliesForAsync(Socket capture, IPAddress address, TimeSpan window)
    {
        var senders = new List<PhysicalAddress>();
        var buffer = new byte[2048];
        using var stop = new CancellationTokenSource(window);
        try
        {
            while (true)
            {
                var length = await capture.ReceiveAsync(buffer, SocketFlags.None, stop.Token);
                bool reply = length >= 42 && buffer[12] == 0x08 && buffer[13] == 0x06 && buffer[20] == 0 && buffer[21] == 2;
                if (reply && new IPAddress(buffer.AsSpan(28, 4)).Equals(address))
                {
                    senders.Add(new PhysicalAddress(buffer[22..28]));
                }
            }
        }
        catch (OperationCanceledException)
        {
            return senders;
        }
    }
}
