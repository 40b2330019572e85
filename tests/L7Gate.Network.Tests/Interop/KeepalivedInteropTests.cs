using System.Diagnostics;
using L7Gate.Network.Tests.Failover;
using L7Gate.Network.Tests.Lab;
using L7Gate.Network.Tests.Privileged;

namespace L7Gate.Network.Tests.Interop;

/// <summary>
/// L7Gate replacing one node of a keepalived pair: Debian's keepalived 2.2.7 is the peer, with the same
/// VRRP settings, in both roles. keepalived's own log must show no complaint about L7Gate's adverts.
/// </summary>
public sealed class KeepalivedInteropTests
{
    private static readonly TimeSpan Margin = TimeSpan.FromMilliseconds(500);

    // keepalived's own takeover is not ours to time: this only shows it noticed our adverts stopped. Its scheduling
    // on a busy 2-core runner has overrun the 500 ms margin by a few ms (865 ms against 861 ms).
    private static readonly TimeSpan KeepalivedMargin = TimeSpan.FromSeconds(1);

    [PrivilegedTheory]
    [MemberData(nameof(InteropMode.Names), MemberType = typeof(InteropMode))]
    public async Task L7GateMaster_KeepalivedBackup_TakeoverBothWaysWithoutComplaint(string modeName)
    {
        var mode = InteropMode.All[modeName];
        using var lab = await FailoverLab.CreateAsync();
        var (n1, n2) = (lab.Nodes[0], lab.Nodes[1]);
        var gateway = await lab.StartL7GateAsync(n1, mode.Instance(150, n1, n2));
        await FailoverScenario.AssertHolderAsync(lab, FailoverLab.Vip1, n1, TimeSpan.FromSeconds(5));
        var keepalived = lab.StartKeepalived(n2, mode.Instance(100, n2, n1));

        Assert.True(await keepalived.WaitForStateAsync("VI_1", "BACKUP", TimeSpan.FromSeconds(5)), lab.Logs());
        await FailoverScenario.AssertHolderStaysAsync(lab, FailoverLab.Vip1, n1, (5 * mode.Interval) + TimeSpan.FromSeconds(1));
        Assert.DoesNotContain("Entering MASTER STATE", keepalived.Process.Output, StringComparison.Ordinal);
        await FailoverScenario.AssertServesAsync(lab, FailoverLab.Vip1);

        // L7Gate crashes: keepalived takes over within its master-down interval.
        var killedAt = Stopwatch.GetTimestamp();
        gateway.Process.KillHard();
        var deadline = FailoverLab.MasterDownInterval(mode.Interval, 100) + KeepalivedMargin;
        var takeover = await lab.Watch(n2).WaitAsync(FailoverLab.Vip1, killedAt, deadline + TimeSpan.FromSeconds(2));
        Assert.True(takeover is not null && takeover <= deadline, $"keepalived took the VIP after {takeover?.TotalMilliseconds:0} ms, limit {deadline.TotalMilliseconds:0} ms{Environment.NewLine}{lab.Logs()}");

        // L7Gate returns with the higher priority: it removes its leftover VIP, preempts, keepalived steps back.
        await gateway.RestartAsync();
        await FailoverScenario.AssertHolderAsync(lab, FailoverLab.Vip1, n1, (4 * mode.Interval) + TimeSpan.FromSeconds(3));
        await FailoverScenario.AssertHolderStaysAsync(lab, FailoverLab.Vip1, n1, (3 * mode.Interval) + TimeSpan.FromSeconds(0.5));
        await FailoverScenario.AssertServesAsync(lab, FailoverLab.Vip1);

        keepalived.AssertNoComplaints(lab.Logs());
    }

    [PrivilegedTheory]
    [MemberData(nameof(InteropMode.Names), MemberType = typeof(InteropMode))]
    public async Task KeepalivedMaster_L7GateBackup_TakeoverBothWaysWithoutComplaint(string modeName)
    {
        var mode = InteropMode.All[modeName];
        using var lab = await FailoverLab.CreateAsync();
        var (n1, n2) = (lab.Nodes[0], lab.Nodes[1]);
        var keepalived = lab.StartKeepalived(n1, mode.Instance(150, n1, n2));
        Assert.True(await keepalived.WaitForStateAsync("VI_1", "MASTER", TimeSpan.FromSeconds(10)), lab.Logs());
        await lab.StartL7GateAsync(n2, mode.Instance(100, n2, n1));

        await FailoverScenario.AssertHolderStaysAsync(lab, FailoverLab.Vip1, n1, (5 * mode.Interval) + TimeSpan.FromSeconds(1));

        // keepalived stops (SIGTERM: it sends priority 0): L7Gate takes over after its skew time.
        var stoppedAt = Stopwatch.GetTimestamp();
        keepalived.Process.Terminate();
        var deadline = FailoverLab.MasterDownInterval(mode.Interval, 100) + Margin;
        var takeover = await lab.Watch(n2).WaitAsync(FailoverLab.Vip1, stoppedAt, deadline + TimeSpan.FromSeconds(2));
        Assert.True(takeover is not null && takeover <= deadline, $"L7Gate took the VIP after {takeover?.TotalMilliseconds:0} ms, limit {deadline.TotalMilliseconds:0} ms{Environment.NewLine}{lab.Logs()}");
        Assert.True(keepalived.Process.WaitForExit(TimeSpan.FromSeconds(5)), lab.Logs());
        await FailoverScenario.AssertHolderAsync(lab, FailoverLab.Vip1, n2, TimeSpan.FromSeconds(2));
        await FailoverScenario.AssertServesAsync(lab, FailoverLab.Vip1);
        keepalived.AssertNoComplaints();

        // keepalived returns with the higher priority and preempts L7Gate.
        var returned = lab.StartKeepalived(n1, mode.Instance(150, n1, n2));
        Assert.True(await returned.WaitForStateAsync("VI_1", "MASTER", (4 * mode.Interval) + TimeSpan.FromSeconds(5)), lab.Logs());
        await FailoverScenario.AssertHolderAsync(lab, FailoverLab.Vip1, n1, TimeSpan.FromSeconds(2));
        await FailoverScenario.AssertHolderStaysAsync(lab, FailoverLab.Vip1, n1, (3 * mode.Interval) + TimeSpan.FromSeconds(0.5));

        returned.AssertNoComplaints(lab.Logs());
    }
}
