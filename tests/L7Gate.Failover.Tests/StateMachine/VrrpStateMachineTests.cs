using L7Gate.Failover.StateMachine;
using static L7Gate.Failover.Tests.StateMachine.StateMachineFixture;

namespace L7Gate.Failover.Tests.StateMachine;

/// <summary>One test per row of the vrrp-notes state table (RFC 5798 §6.4 plus keepalived behaviour), on explicit timestamps.</summary>
public class VrrpStateMachineTests
{
    [Fact]
    public void Startup_Priority255_AdvertisesAddsVipsGarpsAndBecomesMaster()
    {
        var machine = Create(priority: 255);

        var actions = machine.Handle(new VrrpEvent.Startup(TimeSpan.Zero));

        Assert.Equal(VrrpState.Master, machine.State);
        Assert.Equal(
            [new VrrpAction.SendAdvert(255), new VrrpAction.AddVips(), new VrrpAction.SendGarp(), new Transitioned(VrrpState.Master, 255)],
            Shape(actions));
        Assert.Equal((Second, S(5)), (machine.AdverTimerDue, machine.SecondGarpDue));
        Assert.Equal(Second, machine.NextTimerDue);
    }

    [Fact]
    public void Startup_PriorityBelow255_ArmsMasterDownAndBecomesBackup()
    {
        var machine = Create(priority: 100);

        var actions = machine.Handle(new VrrpEvent.Startup(S(10)));

        Assert.Equal(VrrpState.Backup, machine.State);
        Assert.Equal([new Transitioned(VrrpState.Backup, 100)], Shape(actions));
        Assert.Equal(S(10) + S(3.609375), machine.MasterDownTimerDue);
        Assert.Equal(machine.MasterDownTimerDue, machine.NextTimerDue);
        Assert.DoesNotContain(actions, a => a is VrrpAction.SendAdvert or VrrpAction.AddVips);
    }

    [Fact]
    public void TimerFired_BackupBeforeMasterDown_DoesNothing()
    {
        var machine = Backup();

        var actions = machine.Handle(new VrrpEvent.TimerFired(S(3.609375) - TimeSpan.FromTicks(1)));

        Assert.Empty(actions);
        Assert.Equal(VrrpState.Backup, machine.State);
    }

    [Fact]
    public void TimerFired_BackupMasterDownExpired_AdvertisesAddsVipsGarpsAndBecomesMaster()
    {
        var machine = Backup();

        var actions = machine.Handle(new VrrpEvent.TimerFired(S(3.609375)));

        Assert.Equal(VrrpState.Master, machine.State);
        Assert.Equal(new VrrpAction.SendAdvert(100), actions[0]);
        Assert.Equal(new VrrpAction.AddVips(), actions[1]);
        Assert.Equal(new VrrpAction.SendGarp(), actions[2]);
        Assert.Equal(S(4.609375), machine.AdverTimerDue);
        Assert.Null(machine.MasterDownTimerDue);
        Assert.Equal(StateMachineFixture.Own, machine.MasterAddress);
    }

    [Fact]
    public void AdvertReceived_BackupGetsPriority0_MasterDownBecomesSkewTime()
    {
        var machine = Backup();

        var actions = machine.Handle(Advert(S(2), 0));

        Assert.Empty(actions);
        Assert.Equal(S(2) + S(0.609375), machine.MasterDownTimerDue);
        Assert.Equal(VrrpState.Backup, machine.State);
    }

    [Fact]
    public void TimerFired_MasterResigned_ForwardsItsStragglersBeforeTheGarp()
    {
        var machine = Backup();
        machine.Handle(Advert(S(2), 0));

        var actions = machine.Handle(new VrrpEvent.TimerFired(S(2) + S(0.609375)));

        Assert.Equal(VrrpState.Master, machine.State);
        Assert.Equal(
            [new VrrpAction.SendAdvert(100), new VrrpAction.AddVips(), new VrrpAction.ForwardStragglers(StateMachineFixture.LowerIpPeer), new VrrpAction.SendGarp()],
            actions.Take(4));
    }

    [Fact]
    public void TimerFired_MasterSilent_ForwardsNothing()
    {
        var machine = Backup();
        machine.Handle(Advert(S(1), 150));

        var actions = machine.Handle(new VrrpEvent.TimerFired(S(1) + S(3.609375)));

        Assert.Equal(VrrpState.Master, machine.State);
        Assert.DoesNotContain(actions, a => a is VrrpAction.ForwardStragglers);
    }

    [Fact]
    public void TimerFired_ResignedMasterAdvertisesAgainThenFalls_ForwardsNothing()
    {
        var machine = Backup();
        machine.Handle(Advert(S(1), 0));
        machine.Handle(Advert(S(1.1), 150)); // back (a cancelled stop): alive, so a later silence is a crash

        var actions = machine.Handle(new VrrpEvent.TimerFired(S(1.1) + S(3.609375)));

        Assert.Equal(VrrpState.Master, machine.State);
        Assert.DoesNotContain(actions, a => a is VrrpAction.ForwardStragglers);
    }

    [Fact]
    public void AdvertReceived_BackupGetsHigherPriority_RearmsMasterDownAndRecordsMaster()
    {
        var machine = Backup();

        var actions = machine.Handle(Advert(S(3), 150));

        Assert.Empty(actions);
        Assert.Equal(S(3) + S(3.609375), machine.MasterDownTimerDue);
        Assert.Equal(StateMachineFixture.LowerIpPeer, machine.MasterAddress);
    }

    [Fact]
    public void AdvertReceived_V3BackupGetsOtherInterval_LearnsMasterAdverInterval()
    {
        var machine = Backup();

        var actions = machine.Handle(Advert(S(1), 150, interval: 10));

        Assert.Equal(TimeSpan.FromMilliseconds(100), machine.MasterAdverInterval);
        Assert.Equal(TimeSpan.FromMilliseconds(360.9375), machine.MasterDownInterval);
        Assert.Empty(actions);
        Assert.Equal(S(1) + TimeSpan.FromMilliseconds(360.9375), machine.MasterDownTimerDue);
    }

    [Fact]
    public void AdvertReceived_NonPreemptBackupGetsLowerPriority_RearmsMasterDown()
    {
        var machine = Backup(priority: 200, preempt: false);

        var actions = machine.Handle(Advert(S(3), 100));

        Assert.Empty(actions);
        Assert.Equal(S(3) + machine.MasterDownInterval, machine.MasterDownTimerDue);
        Assert.Empty(machine.Handle(new VrrpEvent.TimerFired(S(3.609375))));
        Assert.Equal(VrrpState.Backup, machine.State);
    }

    [Fact]
    public void AdvertReceived_PreemptBackupGetsLowerPriority_IgnoresItAndPreemptsWhenTimerRuns()
    {
        var machine = Backup(priority: 200);
        var due = machine.MasterDownTimerDue;

        var actions = machine.Handle(Advert(S(1), 100));

        Assert.Empty(actions);
        Assert.Equal(due, machine.MasterDownTimerDue);
        machine.Handle(new VrrpEvent.TimerFired(due!.Value));
        Assert.Equal(VrrpState.Master, machine.State);
    }

    [Fact]
    public void AdvertReceived_PreemptDelayRunning_LowerMasterKeptUntilDelayPasses()
    {
        var machine = Backup(priority: 200, preemptDelay: S(10));

        // The lower master is first seen at 1 s; until 11 s it is treated as a master: the timer is re-armed.
        for (int t = 1; t < 11; t++)
        {
            machine.Handle(Advert(S(t), 100));
            Assert.Equal(S(t) + machine.MasterDownInterval, machine.MasterDownTimerDue);
        }

        // After the delay it is ignored again, so the master-down timer runs out and we preempt.
        Assert.Empty(machine.Handle(Advert(S(11), 100)));
        machine.Handle(new VrrpEvent.TimerFired(machine.MasterDownTimerDue!.Value));
        Assert.Equal(VrrpState.Master, machine.State);
        Assert.True(machine.LastTransitionAt > S(13));
    }

    [Fact]
    public void TimerFired_MasterAdverTimer_AdvertisesAndRearms()
    {
        var machine = Master();

        var actions = machine.Handle(new VrrpEvent.TimerFired(S(5)));

        Assert.Equal([new VrrpAction.SendAdvert(100)], actions);
        Assert.Equal(S(6), machine.AdverTimerDue);
    }

    [Fact]
    public void TimerFired_MasterStalledLongerThanAnInterval_NextAdvertFromNow()
    {
        var machine = Master();

        var actions = machine.Handle(new VrrpEvent.TimerFired(S(6.5)));

        Assert.Equal(S(7.5), machine.AdverTimerDue);
    }

    [Fact]
    public void AdvertReceived_MasterGetsPriority0_AdvertisesAtOnce()
    {
        var machine = Master();

        var actions = machine.Handle(Advert(S(4.5), 0));

        Assert.Equal([new VrrpAction.SendAdvert(100)], actions);
        Assert.Equal(S(5.5), machine.AdverTimerDue);
        Assert.Equal(VrrpState.Master, machine.State);
    }

    [Fact]
    public void AdvertReceived_MasterGetsHigherPriority_RemovesVipsAndBecomesBackup()
    {
        var machine = Master();

        var actions = machine.Handle(Advert(S(4.5), 150, interval: 50));

        Assert.Equal(VrrpState.Backup, machine.State);
        Assert.Equal(new VrrpAction.RemoveVips(), actions[0]);
        Assert.Equal(S(4.5) + VrrpTimers.MasterDownInterval(3, 100, TimeSpan.FromMilliseconds(500)), machine.MasterDownTimerDue);
        Assert.Null(machine.AdverTimerDue);
        Assert.Equal(StateMachineFixture.LowerIpPeer, machine.MasterAddress);
    }

    [Fact]
    public void AdvertReceived_MasterGetsEqualPriorityFromHigherIp_BecomesBackup()
    {
        var machine = Master();

        var actions = machine.Handle(Advert(S(4.5), 100, StateMachineFixture.HigherIpPeer));

        Assert.Equal(VrrpState.Backup, machine.State);
        Assert.Contains(new VrrpAction.RemoveVips(), actions);
    }

    [Fact]
    public void AdvertReceived_MasterGetsEqualPriorityFromLowerIp_StaysMasterAndAdvertises()
    {
        var machine = Master();

        var actions = machine.Handle(Advert(S(4.5), 100, StateMachineFixture.LowerIpPeer));

        Assert.Equal(VrrpState.Master, machine.State);
        Assert.Equal(new VrrpAction.SendAdvert(100), actions[0]);
    }

    [Fact]
    public void AdvertReceived_MasterGetsLowerPriority_AdvertisesAtOnceAndReannouncesOncePerHoldoff()
    {
        var machine = Master();

        var first = machine.Handle(Advert(S(4.5), 50));
        var second = machine.Handle(Advert(S(4.6), 50));
        var later = machine.Handle(Advert(S(6), 50));

        Assert.Equal([new VrrpAction.SendAdvert(100), new VrrpAction.SendGarp()], first);
        Assert.DoesNotContain(second, a => a is VrrpAction.SendGarp);
        Assert.Contains(new VrrpAction.SendAdvert(100), second);
        Assert.Contains(new VrrpAction.SendGarp(), later);
        Assert.Equal(VrrpState.Master, machine.State);
    }

    [Fact]
    public void FaultDetected_Master_AdvertisesPriority0RemovesVipsAndGoesToFault()
    {
        var machine = Master();

        var actions = machine.Handle(new VrrpEvent.FaultDetected(S(5), "interface eth0 failed"));

        Assert.Equal([new VrrpAction.SendAdvert(0), new VrrpAction.RemoveVips(), new Transitioned(VrrpState.Fault, 100)], Shape(actions));
        Assert.Equal(VrrpState.Fault, machine.State);
        Assert.Null(machine.NextTimerDue);
    }

    [Fact]
    public void FaultDetected_Backup_GoesToFaultWithoutTimers()
    {
        var machine = Backup();

        var actions = machine.Handle(new VrrpEvent.FaultDetected(S(1), "tracker proxy failed"));

        Assert.Equal([new Transitioned(VrrpState.Fault, 100)], Shape(actions));
        Assert.Equal(VrrpState.Fault, machine.State);
        Assert.Empty(machine.Handle(Advert(S(2), 150)));
        Assert.Null(machine.NextTimerDue);
    }

    [Fact]
    public void FaultCleared_Fault_BecomesBackupWithFreshMasterDown()
    {
        var machine = Backup();
        machine.Handle(new VrrpEvent.FaultDetected(S(1), "x"));

        var actions = machine.Handle(new VrrpEvent.FaultCleared(S(20)));

        Assert.Equal(VrrpState.Backup, machine.State);
        Assert.Equal(S(20) + S(3.609375), machine.MasterDownTimerDue);
        Assert.Equal([new Transitioned(VrrpState.Backup, 100)], Shape(actions));
    }

    [Fact]
    public void Startup_WithFaultAlreadyDetected_GoesStraightToFault()
    {
        var machine = Create(priority: 255);
        machine.Handle(new VrrpEvent.FaultDetected(TimeSpan.Zero, "interface eth0 failed"));

        var actions = machine.Handle(new VrrpEvent.Startup(TimeSpan.Zero));

        Assert.Equal(VrrpState.Fault, machine.State);
        Assert.DoesNotContain(actions, a => a is VrrpAction.AddVips);
    }

    [Fact]
    public void Shutdown_Master_AdvertisesPriority0RemovesVipsAndNotifiesStop()
    {
        var machine = Master();

        var actions = machine.Handle(new VrrpEvent.Shutdown(S(5)));

        Assert.Equal([new VrrpAction.SendAdvert(0), new VrrpAction.RemoveVips(), new Transitioned(VrrpState.Initialize, 100)], Shape(actions));
        Assert.Equal(VrrpState.Initialize, machine.State);
        Assert.Null(machine.NextTimerDue);
    }

    [Fact]
    public void Shutdown_Backup_SendsNothing()
    {
        var machine = Backup();

        var actions = machine.Handle(new VrrpEvent.Shutdown(S(1)));

        Assert.Equal([new Transitioned(VrrpState.Initialize, 100)], Shape(actions));
    }

    [Fact]
    public void PriorityChanged_Master_AdvertisesNewPriorityAtOnce()
    {
        var machine = Master();

        var actions = machine.Handle(new VrrpEvent.PriorityChanged(S(4.2), 80));

        Assert.Equal([new VrrpAction.SendAdvert(80)], actions);
        Assert.Equal(S(5.2), machine.AdverTimerDue);
        Assert.Equal(80, machine.EffectivePriority);
    }

    [Fact]
    public void PriorityChanged_Backup_NextMasterDownUsesNewSkew()
    {
        var machine = Backup();
        machine.Handle(new VrrpEvent.PriorityChanged(S(1), 254));

        var actions = machine.Handle(Advert(S(2), 254, StateMachineFixture.HigherIpPeer));

        Assert.Empty(actions);
        Assert.Equal(S(2) + S(3) + S(2.0 / 256), machine.MasterDownTimerDue);
    }

    [Fact]
    public void Handle_EveryTransition_EmitsOneStateChangedLastWithFromToAndReason()
    {
        var machine = Create();
        var steps = new[]
        {
            machine.Handle(new VrrpEvent.Startup(TimeSpan.Zero)),
            machine.Handle(new VrrpEvent.TimerFired(S(4))),
            machine.Handle(new VrrpEvent.TimerFired(S(5))),
        };
        var changes = steps.SelectMany(Changes).ToList();

        Assert.All(steps.Where(s => Changes(s).Count > 0), s => Assert.IsType<VrrpAction.StateChanged>(s[^1]));

        Assert.Equal(2, changes.Count);
        Assert.Equal((VrrpState.Initialize, VrrpState.Backup), (changes[0].From, changes[0].To));
        Assert.Equal((VrrpState.Backup, VrrpState.Master), (changes[1].From, changes[1].To));
        Assert.Equal("master-down timer expired", changes[1].Reason);
        Assert.Equal(S(4), changes[1].At);
    }

    [Fact]
    public void NextTimerDue_MasterFiredAtEachDue_AdvertsEverySecondAndSecondGarpAtFiveSeconds()
    {
        var machine = Master();
        var fired = new List<(TimeSpan At, VrrpAction Action)>();

        // The runner's loop: sleep until NextTimerDue, fire, repeat.
        while (machine.NextTimerDue is { } due && due <= S(10))
        {
            fired.AddRange(machine.Handle(new VrrpEvent.TimerFired(due)).Select(a => (due, a)));
        }

        Assert.Equal([S(5), S(6), S(7), S(8), S(9), S(10)], fired.Where(f => f.Action is VrrpAction.SendAdvert).Select(f => f.At));
        Assert.Equal([S(9)], fired.Where(f => f.Action is VrrpAction.SendGarp).Select(f => f.At));
        Assert.Null(machine.SecondGarpDue);
    }
}
