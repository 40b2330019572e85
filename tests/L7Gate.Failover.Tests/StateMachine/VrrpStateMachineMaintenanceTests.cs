using L7Gate.Failover.StateMachine;
using static L7Gate.Failover.Tests.StateMachine.StateMachineFixture;

namespace L7Gate.Failover.Tests.StateMachine;

public class VrrpStateMachineMaintenanceTests
{
    [Fact]
    public void EnterMaintenance_Master_AdvertisesPriority0AndKeepsVips()
    {
        var machine = Master();

        var actions = machine.Handle(new VrrpEvent.EnterMaintenance(S(4.5)));

        Assert.Equal([new VrrpAction.SendAdvert(0)], actions);
        Assert.Equal(S(5.5), machine.AdverTimerDue);
        Assert.Equal(VrrpState.Master, machine.State);
        Assert.True(machine.IsReleasing);
        Assert.Equal(S(8.5), machine.HandoverDeadline);
    }

    [Fact]
    public void AdvertReceived_ReleasingMasterSeesPeerMaster_RemovesVipsAndBecomesBackupWithoutTimer()
    {
        var machine = Master();
        machine.Handle(new VrrpEvent.EnterMaintenance(S(4.5)));

        var actions = machine.Handle(Advert(S(4.8), 90));

        Assert.Equal(new VrrpAction.RemoveVips(), actions[0]);
        Assert.Equal(VrrpState.Backup, machine.State);
        Assert.False(machine.IsReleasing);
        Assert.Null(machine.MasterDownTimerDue);
        Assert.Null(machine.NextTimerDue);
    }

    [Fact]
    public void TimerFired_ReleasingMasterKeepsAdvertisingPriority0()
    {
        var machine = Master();
        machine.Handle(new VrrpEvent.EnterMaintenance(S(4.5)));

        var actions = machine.Handle(new VrrpEvent.TimerFired(S(5.5)));

        Assert.Equal(new VrrpAction.SendAdvert(0), actions[0]);
        Assert.Equal(VrrpState.Master, machine.State);
    }

    [Fact]
    public void TimerFired_HandoverDeadlineWithoutPeer_ReleasesVipsAnyway()
    {
        var machine = Master();
        machine.Handle(new VrrpEvent.EnterMaintenance(S(4.5)));

        var actions = machine.Handle(new VrrpEvent.TimerFired(S(8.5)));

        Assert.Equal(new VrrpAction.RemoveVips(), actions[0]);
        Assert.Equal(VrrpState.Backup, machine.State);
    }

    [Fact]
    public void AdvertReceived_ReleasingMasterGetsPriority0_StaysQuiet()
    {
        var machine = Master();
        machine.Handle(new VrrpEvent.EnterMaintenance(S(4.5)));

        Assert.Empty(machine.Handle(Advert(S(4.6), 0)));
    }

    [Fact]
    public void EnterMaintenance_Backup_NeverTakesOver()
    {
        var machine = Backup();

        machine.Handle(new VrrpEvent.EnterMaintenance(S(1)));
        machine.Handle(Advert(S(2), 0));

        Assert.Null(machine.NextTimerDue);
        Assert.Empty(machine.Handle(new VrrpEvent.TimerFired(S(100))));
        Assert.Equal(VrrpState.Backup, machine.State);
    }

    [Fact]
    public void LeaveMaintenance_Backup_RejoinsElectionWithMasterDownTimer()
    {
        var machine = Backup();
        machine.Handle(new VrrpEvent.EnterMaintenance(S(1)));

        var actions = machine.Handle(new VrrpEvent.LeaveMaintenance(S(10)));

        Assert.Empty(actions);
        Assert.Equal(S(10) + S(3.609375), machine.MasterDownTimerDue);
    }

    [Fact]
    public void LeaveMaintenance_StillReleasingMaster_AdvertisesRealPriorityAgain()
    {
        var machine = Master();
        machine.Handle(new VrrpEvent.EnterMaintenance(S(4.5)));

        var actions = machine.Handle(new VrrpEvent.LeaveMaintenance(S(4.7)));

        Assert.Equal(new VrrpAction.SendAdvert(100), actions[0]);
        Assert.Null(machine.HandoverDeadline);
        Assert.False(machine.IsReleasing);
    }

    [Fact]
    public void TimerFired_SecondGarpDelay_SendsSecondBurstOnce()
    {
        var machine = Master(); // master since 4 s, Garp.Delay 5 s

        var atNine = machine.Handle(new VrrpEvent.TimerFired(S(9)));
        var atTen = machine.Handle(new VrrpEvent.TimerFired(S(10)));

        Assert.Contains(new VrrpAction.SendGarp(), atNine);
        Assert.DoesNotContain(atTen, a => a is VrrpAction.SendGarp);
    }

    [Fact]
    public void TimerFired_GarpRefreshConfigured_SendsRefreshBurstsPeriodically()
    {
        var machine = Master(garpRefresh: S(2));

        var refreshes = Enumerable.Range(5, 6).SelectMany(t => machine.Handle(new VrrpEvent.TimerFired(S(t))))
            .Count(a => a is VrrpAction.SendGarp { IsRefresh: true });

        Assert.Equal(3, refreshes); // at 6, 8 and 10 s
    }
}
