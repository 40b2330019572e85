using System.Net;
using L7Gate.Failover.Diagnostics;

namespace L7Gate.Failover.StateMachine;

// The event handlers, one per RFC 5798 §6.4 / §6.4.2 / §6.4.3 paragraph, plus keepalived's Fault and maintenance.
public sealed partial class VrrpStateMachine
{
    // RFC 5798 §6.4.1: the owner (255) becomes master at once, everyone else starts as backup (keepalived too).
    private void OnStartup(TimeSpan now)
    {
        if (State != VrrpState.Initialize)
        {
            return;
        }

        if (Faulted)
        {
            ClearTimers();
            TransitionTo(VrrpState.Fault, now, "fault at startup");
        }
        else if (EffectivePriority == 255 && !InMaintenance)
        {
            BecomeMaster(now, "address owner (priority 255)");
        }
        else
        {
            MasterAdverInterval = _config.AdverInterval; // RFC 5798 §6.4.1
            BecomeBackup(now, "startup", master: null);
        }
    }

    private void OnAdvert(VrrpEvent.AdvertReceived e)
    {
        var advert = e.Advert;
        switch (State)
        {
            case VrrpState.Backup:
                OnAdvertAsBackup(e.Now, advert, e.Source);
                break;
            case VrrpState.Master:
                OnAdvertAsMaster(e.Now, advert, e.Source);
                break;
        }
    }

    // RFC 5798 §6.4.2 (Backup receives an ADVERTISEMENT).
    private void OnAdvertAsBackup(TimeSpan now, Protocol.VrrpAdvertisement advert, IPAddress source)
    {
        if (advert.Priority == 0)
        {
            // The master is leaving: take over after Skew_Time alone, and remember from whom (its stragglers go back).
            if (!InMaintenance)
            {
                _resignedMaster = source;
                ArmMasterDown(now + SkewTime);
            }

            return;
        }

        _resignedMaster = null; // a live master again
        bool lower = advert.Priority < EffectivePriority;
        if (lower)
        {
            _lowerMasterSince ??= now;
        }
        else
        {
            _lowerMasterSince = null;
        }

        // keepalived preempt_delay: for PreemptDelay after entering Backup or first seeing a lower master, do not preempt.
        bool delaying = lower && _config.PreemptDelay > TimeSpan.Zero
            && now < Max(_backupSince, _lowerMasterSince!.Value) + _config.PreemptDelay;

        if (!PreemptMode || !lower || delaying)
        {
            if (_config.Version == 3 && advert.Interval > TimeSpan.Zero && advert.Interval != MasterAdverInterval)
            {
                MasterAdverInterval = advert.Interval; // RFC 5798 §6.4.2: learn the master's interval
                FailoverLog.MasterIntervalLearned(_logger, _config.Name, _config.VirtualRouterId, advert.Interval);
            }

            MasterAddress = source;
            if (!InMaintenance)
            {
                ArmMasterDown(now + MasterDownInterval);
            }
        }

        // Otherwise (lower priority, preempt): discard; the Master_Down_Timer runs on and we preempt.
    }

    // RFC 5798 §6.4.3 (Master receives an ADVERTISEMENT), with keepalived's answer to a lower-priority master.
    private void OnAdvertAsMaster(TimeSpan now, Protocol.VrrpAdvertisement advert, IPAddress source)
    {
        byte own = AdvertisedPriority;
        if (advert.Priority == 0)
        {
            // Another master is leaving: advertise at once so backups keep us. A releasing master stays
            // quiet here, or two priority-0 senders would answer each other forever.
            if (!InMaintenance)
            {
                SendAdvertNow(now);
            }

            return;
        }

        bool higher = advert.Priority > own
            || (advert.Priority == own && ToUInt32(source) > _primaryAddress); // §6.4.3: equal priority, higher primary IP wins
        if (higher)
        {
            bool releasing = InMaintenance;
            Emit(new VrrpAction.RemoveVips());
            MasterAdverInterval = _config.Version == 3 && advert.Interval > TimeSpan.Zero ? advert.Interval : _config.AdverInterval;
            if (releasing)
            {
                FailoverLog.HandoverCompleted(_logger, _config.Name, _config.VirtualRouterId, source);
            }

            BecomeBackup(now, releasing ? $"handed over to {source}" : $"higher-priority master {source} (priority {advert.Priority})", source);
            return;
        }

        // A lower-priority master (split brain healing, keepalived default / RFC 9568): advertise at once
        // so it steps down, and re-announce the VIPs because switches may have learned its MAC.
        FailoverLog.LowerPriorityMaster(_logger, _config.Name, _config.VirtualRouterId, source, advert.Priority);
        SendAdvertNow(now);
        if (_lastSplitBrainGarp is null || now >= _lastSplitBrainGarp.Value + _config.SplitBrainGarpHoldoff)
        {
            _lastSplitBrainGarp = now;
            Emit(new VrrpAction.SendGarp());
        }
    }

    private void OnTimer(TimeSpan now)
    {
        if (State == VrrpState.Backup && MasterDownTimerDue <= now)
        {
            // RFC 5798 §6.4.2
            BecomeMaster(now, _resignedMaster is null ? "master-down timer expired" : $"master-down timer expired after {_resignedMaster} resigned");
            return;
        }

        if (State != VrrpState.Master)
        {
            return;
        }

        if (HandoverDeadline <= now)
        {
            FailoverLog.HandoverTimedOut(_logger, _config.Name, _config.VirtualRouterId, _config.HandoverTimeout);
            Emit(new VrrpAction.RemoveVips());
            BecomeBackup(now, "handover timed out", master: null);
            return;
        }

        if (AdverTimerDue <= now)
        {
            // RFC 5798 §6.4.3: send an ADVERTISEMENT, reset the Adver_Timer. Keep the cadence unless we fell a whole interval behind.
            Emit(new VrrpAction.SendAdvert(AdvertisedPriority));
            var next = AdverTimerDue.Value + _config.AdverInterval;
            ArmAdver(next > now ? next : now + _config.AdverInterval);
        }

        if (SecondGarpDue <= now)
        {
            SecondGarpDue = null;
            Emit(new VrrpAction.SendGarp());
        }

        if (GarpRefreshDue <= now && _config.GarpRefresh is { } refresh)
        {
            GarpRefreshDue = now + refresh;
            Emit(new VrrpAction.SendGarp(IsRefresh: true));
        }
    }

    private void OnPriorityChanged(TimeSpan now, byte priority)
    {
        if (priority == EffectivePriority)
        {
            return;
        }

        FailoverLog.PriorityChanged(_logger, _config.Name, _config.VirtualRouterId, EffectivePriority, priority);
        EffectivePriority = priority;
        if (State == VrrpState.Master && !InMaintenance)
        {
            // Tell the backups now rather than at the next tick, so a better backup can preempt sooner.
            SendAdvertNow(now);
        }
    }

    // RFC 5798 §6.4.3 Shutdown: send priority 0, release, go to Initialize.
    private void OnShutdown(TimeSpan now)
    {
        if (State == VrrpState.Initialize)
        {
            return;
        }

        if (State == VrrpState.Master)
        {
            Emit(new VrrpAction.SendAdvert(0));
            Emit(new VrrpAction.RemoveVips());
        }

        ClearTimers();
        MasterAddress = null;
        TransitionTo(VrrpState.Initialize, now, "shutdown");
    }

    private void OnEnterMaintenance(TimeSpan now)
    {
        if (InMaintenance)
        {
            return;
        }

        InMaintenance = true;
        FailoverLog.MaintenanceEntered(_logger, _config.Name, _config.VirtualRouterId);
        if (State == VrrpState.Master)
        {
            // Keep the VIPs and keep serving until a peer advertises as master (it takes over after Skew_Time).
            SendAdvertNow(now);
            HandoverDeadline = now + _config.HandoverTimeout;
        }
        else if (State == VrrpState.Backup)
        {
            MasterDownTimerDue = null;
        }
    }

    private void OnLeaveMaintenance(TimeSpan now)
    {
        if (!InMaintenance)
        {
            return;
        }

        InMaintenance = false;
        FailoverLog.MaintenanceLeft(_logger, _config.Name, _config.VirtualRouterId);
        if (State == VrrpState.Master)
        {
            HandoverDeadline = null;
            SendAdvertNow(now);
        }
        else if (State == VrrpState.Backup)
        {
            if (EffectivePriority == 255)
            {
                BecomeMaster(now, "address owner left maintenance");
            }
            else
            {
                ArmMasterDown(now + MasterDownInterval);
            }
        }
    }

    private void OnFaultDetected(TimeSpan now, string reason)
    {
        Faulted = true;
        if (State == VrrpState.Master)
        {
            Emit(new VrrpAction.SendAdvert(0));
            Emit(new VrrpAction.RemoveVips());
        }

        if (State is VrrpState.Master or VrrpState.Backup)
        {
            ClearTimers();
            MasterAddress = null;
            _resignedMaster = null;
            TransitionTo(VrrpState.Fault, now, reason);
        }
    }

    private void OnFaultCleared(TimeSpan now)
    {
        Faulted = false;
        if (State != VrrpState.Fault)
        {
            return;
        }

        if (EffectivePriority == 255 && !InMaintenance)
        {
            BecomeMaster(now, "fault cleared, address owner");
        }
        else
        {
            MasterAdverInterval = _config.AdverInterval;
            BecomeBackup(now, "fault cleared", master: null);
        }
    }

    // keepalived vrrp_sync_group: members change state together. A backup follows a member to Master at once; a master
    // follows a member to Backup, advertising priority 0 first so its peer takes over after Skew_Time, not a whole
    // Master_Down_Interval. Maintenance and Fault are left alone: they are this member's own reasons.
    private void OnSyncGroupTransition(TimeSpan now, VrrpState to, string reason)
    {
        if (InMaintenance || Faulted)
        {
            return;
        }

        if (to == VrrpState.Master && State == VrrpState.Backup)
        {
            BecomeMaster(now, reason);
        }
        else if (to == VrrpState.Backup && State == VrrpState.Master)
        {
            Emit(new VrrpAction.SendAdvert(0));
            Emit(new VrrpAction.RemoveVips());
            BecomeBackup(now, reason, master: null);
        }
    }

    // RFC 5798 §6.4.2 "Master_Down_Timer fires" / §6.4.1 owner: advertise, add VIPs, announce them.
    // After a resignation (priority 0), the former master's stragglers are forwarded to it before the GARP moves clients.
    private void BecomeMaster(TimeSpan now, string reason)
    {
        ClearTimers();
        Emit(new VrrpAction.SendAdvert(AdvertisedPriority));
        Emit(new VrrpAction.AddVips());
        if (_resignedMaster is { } formerMaster)
        {
            Emit(new VrrpAction.ForwardStragglers(formerMaster));
            _resignedMaster = null;
        }

        Emit(new VrrpAction.SendGarp());
        if (_config.GarpDelay > TimeSpan.Zero)
        {
            SecondGarpDue = now + _config.GarpDelay;
        }

        if (_config.GarpRefresh is { } refresh && refresh > TimeSpan.Zero)
        {
            GarpRefreshDue = now + refresh;
        }

        ArmAdver(now + _config.AdverInterval);
        MasterAdverInterval = _config.AdverInterval;
        MasterAddress = _config.PrimaryAddress;
        _lastSplitBrainGarp = null;
        TransitionTo(VrrpState.Master, now, reason);
    }

    private void BecomeBackup(TimeSpan now, string reason, IPAddress? master)
    {
        ClearTimers();
        _resignedMaster = null;
        MasterAddress = master;
        _backupSince = now;
        _lowerMasterSince = null;
        if (!InMaintenance)
        {
            ArmMasterDown(now + MasterDownInterval);
        }

        TransitionTo(VrrpState.Backup, now, reason);
    }
}
