using System.Diagnostics;
using L7Gate.Network.Tests.Lab;
using L7Gate.Network.Tests.Privileged;
using static L7Gate.Network.Tests.Failover.FailoverScenario;

namespace L7Gate.Network.Tests.Failover;

public sealed class TakeoverTests
{
    private static readonly TimeSpan Deadline = FailoverLab.MasterDownInterval(Interval, 100) + TakeoverMargin;

    [PrivilegedFact]
    public async Task KillMaster_Sigkill_BackupHoldsVipWithinMasterDownIntervalAndServes()
    {
        using var lab = await FailoverLab.CreateAsync();
        var (n1, n2) = (lab.Nodes[0], lab.Nodes[1]);
        var g1 = await lab.StartL7GateAsync(n1, Instance(priority: 150));
        await lab.StartL7GateAsync(n2, Instance(priority: 100));
        await AssertHolderAsync(lab, FailoverLab.Vip1, n1, TimeSpan.FromSeconds(3));
        await AssertServesAsync(lab, FailoverLab.Vip1);
        await Task.Delay(TimeSpan.FromSeconds(1.2)); // the client's ARP entry is past locktime, as in a running system

        var killedAt = Stopwatch.GetTimestamp();
        g1.Process.KillHard();
        var takeover = await lab.Watch(n2).WaitAsync(FailoverLab.Vip1, killedAt, TimeSpan.FromSeconds(3));

        Assert.True(takeover is not null && takeover <= Deadline, $"VIP on n2 after {takeover?.TotalMilliseconds:0} ms, limit {Deadline.TotalMilliseconds:0} ms{Environment.NewLine}{lab.Logs()}");
        await AssertServesAsync(lab, FailoverLab.Vip1);
    }

    [PrivilegedFact]
    public async Task LinkDown_MasterInterface_BackupTakesOverAndServes()
    {
        using var lab = await FailoverLab.CreateAsync();
        var (n1, n2) = (lab.Nodes[0], lab.Nodes[1]);
        await lab.StartL7GateAsync(n1, Instance(priority: 150));
        await lab.StartL7GateAsync(n2, Instance(priority: 100));
        await AssertHolderAsync(lab, FailoverLab.Vip1, n1, TimeSpan.FromSeconds(3));
        await AssertServesAsync(lab, FailoverLab.Vip1);
        await Task.Delay(TimeSpan.FromSeconds(1.2));

        var downAt = Stopwatch.GetTimestamp();
        lab.Lab.SetLink(n1, up: false);
        var takeover = await lab.Watch(n2).WaitAsync(FailoverLab.Vip1, downAt, TimeSpan.FromSeconds(3));

        Assert.True(takeover is not null && takeover <= Deadline, $"VIP on n2 after {takeover?.TotalMilliseconds:0} ms, limit {Deadline.TotalMilliseconds:0} ms{Environment.NewLine}{lab.Logs()}");
        await AssertServesAsync(lab, FailoverLab.Vip1);
    }

    [PrivilegedFact]
    public async Task LinkDown_ThenUp_OldMasterPreemptsBack()
    {
        using var lab = await FailoverLab.CreateAsync();
        var (n1, n2) = (lab.Nodes[0], lab.Nodes[1]);
        await lab.StartL7GateAsync(n1, Instance(priority: 150));
        await lab.StartL7GateAsync(n2, Instance(priority: 100));
        await AssertHolderAsync(lab, FailoverLab.Vip1, n1, TimeSpan.FromSeconds(3));

        lab.Lab.SetLink(n1, up: false);
        await lab.Watch(n2).WaitAsync(FailoverLab.Vip1, Stopwatch.GetTimestamp(), TimeSpan.FromSeconds(3));
        lab.Lab.SetLink(n1, up: true);

        await AssertHolderAsync(lab, FailoverLab.Vip1, n1, TimeSpan.FromSeconds(3));
        await AssertHolderStaysAsync(lab, FailoverLab.Vip1, n1, TimeSpan.FromSeconds(1));
        await AssertServesAsync(lab, FailoverLab.Vip1);
    }

    [PrivilegedFact]
    public async Task Restart_KilledMasterWithPreempt_TakesVipBackAndBackupReleasesIt()
    {
        using var lab = await FailoverLab.CreateAsync();
        var (n1, n2) = (lab.Nodes[0], lab.Nodes[1]);
        var g1 = await lab.StartL7GateAsync(n1, Instance(priority: 150));
        await lab.StartL7GateAsync(n2, Instance(priority: 100));
        await AssertHolderAsync(lab, FailoverLab.Vip1, n1, TimeSpan.FromSeconds(3));
        g1.Process.KillHard();
        await lab.Watch(n2).WaitAsync(FailoverLab.Vip1, Stopwatch.GetTimestamp(), TimeSpan.FromSeconds(3));

        await g1.RestartAsync();

        await AssertHolderAsync(lab, FailoverLab.Vip1, n1, TimeSpan.FromSeconds(3));
        await AssertHolderStaysAsync(lab, FailoverLab.Vip1, n1, TimeSpan.FromSeconds(1));
        await AssertServesAsync(lab, FailoverLab.Vip1);
    }

    [PrivilegedFact]
    public async Task Restart_KilledMasterWithNopreempt_RemovesItsLeftoverVipAndStaysBackup()
    {
        using var lab = await FailoverLab.CreateAsync();
        var (n1, n2) = (lab.Nodes[0], lab.Nodes[1]);
        var g1 = await lab.StartL7GateAsync(n1, Instance(priority: 150, preempt: false));
        await lab.StartL7GateAsync(n2, Instance(priority: 100, preempt: false));
        await AssertHolderAsync(lab, FailoverLab.Vip1, n1, TimeSpan.FromSeconds(3));

        g1.Process.KillHard();
        await lab.Watch(n2).WaitAsync(FailoverLab.Vip1, Stopwatch.GetTimestamp(), TimeSpan.FromSeconds(3));
        Assert.True(lab.Watch(n1).Has(FailoverLab.Vip1), "kill -9 should leave the VIP on n1 (nothing ran to remove it)");

        await g1.RestartAsync();

        await AssertHolderAsync(lab, FailoverLab.Vip1, n2, TimeSpan.FromSeconds(2));
        await AssertHolderStaysAsync(lab, FailoverLab.Vip1, n2, TimeSpan.FromSeconds(1.5));
        await AssertServesAsync(lab, FailoverLab.Vip1);
    }
}
