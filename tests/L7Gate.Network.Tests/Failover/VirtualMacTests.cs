using System.Diagnostics;
using System.Net;
using System.Net.NetworkInformation;
using System.Text.RegularExpressions;
using L7Gate.Failover.Network;
using L7Gate.Network.Tests.Lab;
using L7Gate.Network.Tests.Privileged;
using static L7Gate.Network.Tests.Failover.FailoverScenario;

namespace L7Gate.Network.Tests.Failover;

/// <summary>
/// UseVirtualMac: the VIP lives on a macvlan with MAC 00:00:5e:00:01:33 (VRID 51) that only the master has up. The
/// client's neighbour entry for the VIP never changes across a takeover; only the bridge's MAC table moves.
/// </summary>
public sealed partial class VirtualMacTests
{
    private const string VirtualInterface = "vrrp.51";
    private static readonly PhysicalAddress VirtualMac = VirtualMacAddress.ForIPv4(51);
    private static readonly TimeSpan Deadline = FailoverLab.MasterDownInterval(Interval, 100) + TakeoverMargin;

    [PrivilegedFact]
    public async Task LinkDown_MasterWithVirtualMac_ClientNeighbourEntryKeepsTheVirtualMacAndServes()
    {
        using var lab = await StartPairAsync();
        var (n1, n2) = (lab.Nodes[0], lab.Nodes[1]);
        Assert.Equal(VirtualMac, NetnsLab.NeighbourOf(lab.Client, FailoverLab.Vip1));
        Assert.True(IsUp(n1, VirtualInterface), Links(lab));
        Assert.False(IsUp(n2, VirtualInterface), Links(lab));
        Assert.DoesNotContain("192.0.2.100", string.Join(" ", lab.Lab.AddressesOf(n1)), StringComparison.Ordinal); // on the macvlan, not the parent

        var downAt = Stopwatch.GetTimestamp();
        lab.Lab.SetLink(n1, up: false);
        var takeover = await lab.Watch(n2).WaitAsync(FailoverLab.Vip1, downAt, TimeSpan.FromSeconds(3));

        Assert.True(takeover is not null && takeover <= Deadline, $"VIP on n2 after {takeover?.TotalMilliseconds:0} ms, limit {Deadline.TotalMilliseconds:0} ms{Environment.NewLine}{lab.Logs()}");
        await AssertServesAsync(lab, FailoverLab.Vip1);
        Assert.Equal(VirtualMac, NetnsLab.NeighbourOf(lab.Client, FailoverLab.Vip1));
        Assert.True(IsUp(n2, VirtualInterface), Links(lab));
        await Eventually.TrueAsync(() => !IsUp(n1, VirtualInterface), $"n1's {VirtualInterface} is down after its fault{Environment.NewLine}{Links(lab)}", TimeSpan.FromSeconds(3));
    }

    [PrivilegedFact]
    public async Task Sigterm_ClientThatIgnoresGarp_KeepsReachingTheVipThroughTheTakeover()
    {
        using var lab = await StartPairAsync();
        var (n1, n2) = (lab.Nodes[0], lab.Nodes[1]);

        // A client that never believes a gratuitous ARP (a permanent entry): without a virtual MAC it would keep
        // sending to n1's own MAC after the takeover.
        Shell.Run("ip", "-n", lab.Client.Namespace, "neigh", "replace", FailoverLab.Vip1.ToString(), "lladdr", "00:00:5e:00:01:33", "dev", NetnsLab.NodeInterface, "nud", "permanent");
        var load = SteadyLoad.Start(new LoadClient(lab.ClientThread, new IPEndPoint(FailoverLab.Vip1, L7GateNode.ProxyPort), ratePerSecond: 100, TimeSpan.FromMilliseconds(1000)));
        using var running = load;
        await Task.Delay(TimeSpan.FromSeconds(1));

        var stoppedAt = Stopwatch.GetTimestamp();
        Assert.True(await lab.Gateways[0].StopGracefullyAsync(TimeSpan.FromSeconds(15)), $"L7Gate did not exit after SIGTERM{Environment.NewLine}{lab.Logs()}");
        await AssertHolderAsync(lab, FailoverLab.Vip1, n2, TimeSpan.FromSeconds(2));
        var heldAt = Stopwatch.GetTimestamp();
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        var all = await load.StopAsync();

        // The client reaches the VIP on n2 after the takeover, through the entry it never changed.
        var after = all.Since(heldAt, TimeSpan.Zero);
        Assert.True(after.Total > 50 && after.Failed == 0, $"{after.Failed} of {after.Total} requests failed after the takeover ({all.FailureTimeline(stoppedAt)}){Environment.NewLine}{lab.Logs()}");
        AssertNothingLost(lab, all, stoppedAt);
        Assert.Contains("00:00:5e:00:01:33 PERMANENT", Shell.Run("ip", "-n", lab.Client.Namespace, "neigh", "show", FailoverLab.Vip1.ToString()), StringComparison.Ordinal);

        // n1 exited and took its macvlan with it.
        Assert.DoesNotContain(VirtualInterface, Shell.Run("ip", "-n", n1.Namespace, "-o", "link", "show"), StringComparison.Ordinal);
    }

    [PrivilegedFact]
    public async Task Adverts_FromTheMaster_CarryTheVirtualMacAsEthernetSource()
    {
        using var lab = await StartPairAsync();

        var sources = CaptureAdvertSources(lab);

        Assert.All(sources, s => Assert.Equal("00:00:5e:00:01:33", s));
    }

    [PrivilegedFact]
    public async Task Adverts_WithVirtualMacTransmitBase_CarryTheParentsMac()
    {
        using var lab = await StartPairAsync(transmitBase: true);

        var sources = CaptureAdvertSources(lab);

        var parent = NetnsLab.MacOf(lab.Nodes[0]).ToString().ToLowerInvariant();
        Assert.All(sources, s => Assert.Equal(parent, s.Replace(":", "", StringComparison.Ordinal)));
        Assert.Equal(VirtualMac, NetnsLab.NeighbourOf(lab.Client, FailoverLab.Vip1));
    }

    [PrivilegedFact]
    public async Task Restart_AfterSigkill_ReusesTheLeftoverMacvlanAndMastersAgain()
    {
        using var lab = await StartPairAsync();
        var (n1, n2) = (lab.Nodes[0], lab.Nodes[1]);
        var g1 = lab.Gateways[0];

        g1.Process.KillHard();
        NetnsLab.KillAll(n1); // nothing of n1 answers any more; its macvlan stays behind, up, with the VIP
        Assert.Contains(VirtualInterface, Shell.Run("ip", "-n", n1.Namespace, "-o", "link", "show"), StringComparison.Ordinal);
        Shell.Run("ip", "-n", n1.Namespace, "link", "set", VirtualInterface, "down"); // a crashed node's kernel no longer answers ARP
        Assert.NotNull(await lab.Watch(n2).WaitAsync(FailoverLab.Vip1, Stopwatch.GetTimestamp(), TimeSpan.FromSeconds(3)));

        await g1.RestartAsync();
        Assert.True(await g1.Process.WaitForOutputAsync("reused", TimeSpan.FromSeconds(10)), lab.Logs());
        await AssertHolderAsync(lab, FailoverLab.Vip1, n1, TimeSpan.FromSeconds(5));
        await AssertServesAsync(lab, FailoverLab.Vip1);
        Assert.Equal(VirtualMac, NetnsLab.NeighbourOf(lab.Client, FailoverLab.Vip1));
        Assert.False(IsUp(n2, VirtualInterface), Links(lab));
    }

    // n1 (150) masters VRID 51 with a virtual MAC, n2 (100) is its backup, the client has reached the VIP.
    private static async Task<FailoverLab> StartPairAsync(bool transmitBase = false)
    {
        var lab = await FailoverLab.CreateAsync();
        try
        {
            lab.VipInterfaces.Add(VirtualInterface);
            var (n1, n2) = (lab.Nodes[0], lab.Nodes[1]);
            await lab.StartL7GateAsync(n1, Instance(priority: 150) with { UseVirtualMac = true, VirtualMacTransmitBase = transmitBase });
            await lab.StartL7GateAsync(n2, Instance(priority: 100) with { UseVirtualMac = true, VirtualMacTransmitBase = transmitBase });
            await AssertHolderAsync(lab, FailoverLab.Vip1, n1, TimeSpan.FromSeconds(5));
            await AssertServesAsync(lab, FailoverLab.Vip1);
            return lab;
        }
        catch
        {
            lab.Dispose();
            throw;
        }
    }

    // Three adverts seen by the client, with their Ethernet source (tcpdump -e).
    private static List<string> CaptureAdvertSources(FailoverLab lab)
    {
        var output = Shell.RunWithin(TimeSpan.FromSeconds(20), "ip", "netns", "exec", lab.Client.Namespace,
            "timeout", "10", "tcpdump", "-i", NetnsLab.NodeInterface, "-e", "-n", "-l", "-c", "3", "ip proto 112");
        var sources = TcpdumpSourceRegex().Matches(output).Select(m => m.Groups[1].Value).ToList();
        Assert.True(sources.Count == 3, $"tcpdump saw {sources.Count} adverts:{Environment.NewLine}{output}{Environment.NewLine}{lab.Logs()}");
        return sources;
    }

    private static bool IsUp(LabNode node, string link)
    {
        var (exit, output, _) = Shell.TryRun("ip", "-n", node.Namespace, "-o", "link", "show", link);
        return exit == 0 && output.Split('<', '>')[1].Split(',').Contains("UP");
    }

    private static string Links(FailoverLab lab) => string.Join(Environment.NewLine, lab.Nodes.Select(n => $"{n.Name}: {Shell.Run("ip", "-n", n.Namespace, "-o", "link", "show")}"))
        + Environment.NewLine + lab.Logs();

    // "12:00:00.000 00:00:5e:00:01:33 > 01:00:5e:00:00:12, ethertype IPv4 ..."
    [GeneratedRegex(@"([0-9a-f]{2}(?::[0-9a-f]{2}){5}) > 01:00:5e:00:00:12")]
    private static partial Regex TcpdumpSourceRegex();
}
