using System.Diagnostics;
using System.Net;
using L7Gate.Network.Tests.Lab;
using L7Gate.Network.Tests.Privileged;
using static L7Gate.Network.Tests.Failover.FailoverScenario;

namespace L7Gate.Network.Tests.Failover;

/// <summary>
/// Maintenance through the admin API on real nodes: the master hands over as on SIGTERM, but keeps running; its VIP
/// stays for the drain grace after the peer took over, and leaving maintenance lets it preempt back.
/// </summary>
public sealed class MaintenanceHandoverTests
{
    private static readonly IPEndPoint Admin = new(IPAddress.Loopback, 9901);
    private const string Bearer = $"Bearer {L7GateNode.AdminApiKey}";

    [PrivilegedFact]
    public async Task AdminMaintenance_MasterUnderSteadyLoad_PeerTakesOverOldMasterDrainsThenPreemptsBack()
    {
        using var lab = await FailoverLab.CreateAsync();
        var (n1, n2) = (lab.Nodes[0], lab.Nodes[1]);
        await lab.StartL7GateAsync(n1, Instance(priority: 150));
        await lab.StartL7GateAsync(n2, Instance(priority: 100));
        await AssertHolderAsync(lab, FailoverLab.Vip1, n1, TimeSpan.FromSeconds(3));
        await AssertServesAsync(lab, FailoverLab.Vip1);
        for (var i = 0; i < 20; i++)
        {
            await HttpProbe.GetAsync(lab.ClientThread, new IPEndPoint(n2.Address, L7GateNode.ProxyPort), TimeSpan.FromSeconds(2));
        }

        await Task.Delay(TimeSpan.FromSeconds(1.2)); // the client's ARP entry is past locktime, as in a running system

        using var stop = new CancellationTokenSource();
        var client = new LoadClient(lab.ClientThread, new IPEndPoint(FailoverLab.Vip1, L7GateNode.ProxyPort), ratePerSecond: 150, TimeSpan.FromMilliseconds(300));
        var load = client.RunAsync(stop.Token);
        await Task.Delay(TimeSpan.FromSeconds(1));

        var requestedAt = Stopwatch.GetTimestamp();
        var enter = await HttpProbe.SendAsync(lab.Lab.ThreadIn(n1), "POST", Admin, TimeSpan.FromSeconds(10), "/admin/failover/VI_1/maintenance", Bearer);
        Assert.True(enter.Ok, $"POST maintenance: {enter.Status} {enter.Body}{Environment.NewLine}{lab.Logs()}");
        Assert.Contains("\"maintenance\":true", enter.Body, StringComparison.Ordinal);

        var taken = await lab.Watch(n2).WaitAsync(FailoverLab.Vip1, requestedAt, TimeSpan.FromSeconds(2));
        var released = await lab.Watch(n1).WaitAsync(FailoverLab.Vip1, requestedAt, TimeSpan.FromSeconds(3), present: false);
        await Task.Delay(TimeSpan.FromSeconds(1));
        await stop.CancelAsync();
        var result = (await load).Since(requestedAt, -TimeSpan.FromMilliseconds(300));

        Assert.NotNull(taken);
        Assert.NotNull(released);

        // The old master kept the VIP for the drain grace (200 ms at 100 ms adverts) after the new one had it; the
        // 50 ms margin is the two watchers' polling.
        Assert.True(released - taken > TimeSpan.FromMilliseconds(150),
            $"n2 held the VIP after {taken!.Value.TotalMilliseconds:0} ms, n1 removed it after {released!.Value.TotalMilliseconds:0} ms{Environment.NewLine}{lab.Logs()}");

        // The same bound as the SIGTERM handover test, for the same reason (a connection whose handshake straddles
        // the new master's gratuitous ARP).
        Assert.True(result.Total > 150, $"only {result.Total} requests were sent");
        Assert.True(result.Samples.Count(s => !s.Ok) <= 1,
            $"{result.Failed} of {result.Total} requests failed ({result.FailureTimeline(requestedAt)} from the request), longest gap {result.LongestGap.TotalMilliseconds:0} ms{Environment.NewLine}{lab.Logs()}");
        Assert.True(result.LongestGap < TimeSpan.FromMilliseconds(400),
            $"service stopped for {result.LongestGap.TotalMilliseconds:0} ms during the handover{Environment.NewLine}{lab.Logs()}");
        await AssertHolderStaysAsync(lab, FailoverLab.Vip1, n2, TimeSpan.FromMilliseconds(500));

        var leave = await HttpProbe.SendAsync(lab.Lab.ThreadIn(n1), "DELETE", Admin, TimeSpan.FromSeconds(10), "/admin/failover/VI_1/maintenance", Bearer);
        Assert.True(leave.Ok, $"DELETE maintenance: {leave.Status} {leave.Body}");
        await AssertHolderAsync(lab, FailoverLab.Vip1, n1, TimeSpan.FromSeconds(3));
        await AssertServesAsync(lab, FailoverLab.Vip1);
    }
}
