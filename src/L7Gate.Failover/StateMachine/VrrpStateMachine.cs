using System.Buffers.Binary;
using System.Diagnostics;
using System.Net;
using L7Gate.Failover.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace L7Gate.Failover.StateMachine;

/// <summary>
/// The VRRP state machine of one virtual router (RFC 5798 §6.4, RFC 3768 §6.4, plus keepalived's Fault,
/// preempt_delay and maintenance handover). Synchronous and I/O-free: <see cref="Handle"/> takes an event
/// with its timestamp and returns the actions to carry out. Timers are absolute monotonic timestamps; the
/// runner fires <see cref="VrrpEvent.TimerFired"/> at <see cref="NextTimerDue"/>. Not thread-safe: one
/// caller at a time (the instance's engine thread).
/// </summary>
public sealed class VrrpStateMachine
{
    private readonly VrrpRouterConfig _config;
    private readonly ILogger _logger;
    private readonly FailoverMetrics? _metrics;
    private readonly uint _primaryAddress;
    private List<VrrpAction> _actions = [];
    private TimeSpan _backupSince;
    private TimeSpan? _lowerMasterSince;
    private TimeSpan? _lastSplitBrainGarp;

    /// <summary>Creates a machine in <see cref="VrrpState.Initialize"/>.</summary>
    public VrrpStateMachine(VrrpRouterConfig config, ILogger? logger = null, FailoverMetrics? metrics = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        _config = config;
        _logger = logger ?? NullLogger.Instance;
        _metrics = metrics;
        _primaryAddress = ToUInt32(config.PrimaryAddress);
        EffectivePriority = config.Priority;
        MasterAdverInterval = config.AdverInterval;
    }

    /// <summary>Raised by every state change, after it is logged and counted.</summary>
    public event Action<VrrpStateChange>? StateChanged;

    /// <summary>The configuration.</summary>
    public VrrpRouterConfig Config => _config;

    /// <summary>Current state.</summary>
    public VrrpState State { get; private set; } = VrrpState.Initialize;

    /// <summary>Priority after tracking (RFC 5798 §6.1 "Priority", as this node uses it).</summary>
    public byte EffectivePriority { get; private set; }

    /// <summary>The priority put in adverts: 0 while in maintenance, else <see cref="EffectivePriority"/>.</summary>
    public byte AdvertisedPriority => InMaintenance ? (byte)0 : EffectivePriority;

    /// <summary>Preempt_Mode (RFC 5798 §6.1).</summary>
    public bool PreemptMode => _config.PreemptMode;

    /// <summary>Master_Adver_Interval (RFC 5798 §6.1): ours, or the master's as learned by a v3 backup (§6.4.2).</summary>
    public TimeSpan MasterAdverInterval { get; private set; }

    /// <summary>Skew_Time (RFC 5798 §6.1) for the current priority and Master_Adver_Interval.</summary>
    public TimeSpan SkewTime => VrrpTimers.SkewTime(_config.Version, EffectivePriority, MasterAdverInterval);

    /// <summary>Master_Down_Interval (RFC 5798 §6.1).</summary>
    public TimeSpan MasterDownInterval => VrrpTimers.MasterDownInterval(_config.Version, EffectivePriority, MasterAdverInterval);

    /// <summary>Address of the current master as far as this node knows (itself when master).</summary>
    public IPAddress? MasterAddress { get; private set; }

    /// <summary>In planned maintenance: advertises priority 0 and never becomes master.</summary>
    public bool InMaintenance { get; private set; }

    /// <summary>Master in maintenance, still holding the VIPs until a peer takes over.</summary>
    public bool IsReleasing => State == VrrpState.Master && InMaintenance;

    /// <summary>A fault condition is present (interface down, weight-0 tracker failed).</summary>
    public bool Faulted { get; private set; }

    /// <summary>Adver_Timer (RFC 5798 §6.2), armed in Master.</summary>
    public TimeSpan? AdverTimerDue { get; private set; }

    /// <summary>Master_Down_Timer (RFC 5798 §6.2), armed in Backup (not in maintenance).</summary>
    public TimeSpan? MasterDownTimerDue { get; private set; }

    /// <summary>When the second GARP burst after becoming master is due.</summary>
    public TimeSpan? SecondGarpDue { get; private set; }

    /// <summary>When the next periodic GARP refresh is due.</summary>
    public TimeSpan? GarpRefreshDue { get; private set; }

    /// <summary>Planned handover: when the VIPs are released even if no peer took over.</summary>
    public TimeSpan? HandoverDeadline { get; private set; }

    /// <summary>The earliest armed timer, or null.</summary>
    public TimeSpan? NextTimerDue => Min(Min(AdverTimerDue, MasterDownTimerDue), Min(Min(SecondGarpDue, GarpRefreshDue), HandoverDeadline));

    /// <summary>Monotonic time of the last state change.</summary>
    public TimeSpan? LastTransitionAt { get; private set; }

    /// <summary>Handles one event and returns the actions to carry out, in order.</summary>
    public IReadOnlyList<VrrpAction> Handle(VrrpEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        _actions = [];
        switch (e)
        {
            case VrrpEvent.Startup s: OnStartup(s.Now); break;
            case VrrpEvent.AdvertReceived a: OnAdvert(a); break;
            case VrrpEvent.TimerFired t: OnTimer(t.Now); break;
            case VrrpEvent.PriorityChanged p: OnPriorityChanged(p.Now, p.EffectivePriority); break;
            case VrrpEvent.Shutdown s: OnShutdown(s.Now); break;
            case VrrpEvent.EnterMaintenance m: OnEnterMaintenance(m.Now); break;
            case VrrpEvent.LeaveMaintenance m: OnLeaveMaintenance(m.Now); break;
            case VrrpEvent.FaultDetected f: OnFaultDetected(f.Now, f.Reason); break;
            case VrrpEvent.FaultCleared f: OnFaultCleared(f.Now); break;
        }

        return _actions;
    }

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
            // The master is leaving: take over after Skew_Time alone.
            if (!InMaintenance)
            {
                ArmMasterDown(now + SkewTime);
            }

            return;
        }

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
            BecomeMaster(now, "master-down timer expired"); // RFC 5798 §6.4.2
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

    // RFC 5798 §6.4.2 "Master_Down_Timer fires" / §6.4.1 owner: advertise, add VIPs, announce them.
    private void BecomeMaster(TimeSpan now, string reason)
    {
        ClearTimers();
        Emit(new VrrpAction.SendAdvert(AdvertisedPriority));
        Emit(new VrrpAction.AddVips());
        Emit(new VrrpAction.SendGarp());
        if (_config.GarpDelay > TimeSpan.Zero)
        {
            SecondGarpDue = now + _config.GarpDelay;
            Emit(new VrrpAction.ScheduleSecondGarp(SecondGarpDue.Value));
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
        MasterAddress = master;
        _backupSince = now;
        _lowerMasterSince = null;
        if (!InMaintenance)
        {
            ArmMasterDown(now + MasterDownInterval);
        }

        TransitionTo(VrrpState.Backup, now, reason);
    }

    private void SendAdvertNow(TimeSpan now)
    {
        Emit(new VrrpAction.SendAdvert(AdvertisedPriority));
        ArmAdver(now + _config.AdverInterval);
    }

    private void ArmAdver(TimeSpan at)
    {
        AdverTimerDue = at;
        Emit(new VrrpAction.ArmAdverTimer(at));
    }

    private void ArmMasterDown(TimeSpan at)
    {
        MasterDownTimerDue = at;
        Emit(new VrrpAction.ArmMasterDownTimer(at));
    }

    private void ClearTimers()
    {
        AdverTimerDue = null;
        MasterDownTimerDue = null;
        SecondGarpDue = null;
        GarpRefreshDue = null;
        HandoverDeadline = null;
    }

    // The one place a state changes: log, count, trace, notify scripts, raise the event.
    private void TransitionTo(VrrpState to, TimeSpan now, string reason)
    {
        var from = State;
        if (from == to)
        {
            return;
        }

        State = to;
        LastTransitionAt = now;
        FailoverLog.StateChanged(_logger, _config.Name, _config.VirtualRouterId, FailoverMetrics.Name(from), FailoverMetrics.Name(to), reason, EffectivePriority);
        _metrics?.Transition(_config.Name, from, to);
        using (var activity = FailoverActivitySource.Instance.StartActivity("vrrp.transition", ActivityKind.Internal))
        {
            activity?.SetTag("vrrp.instance", _config.Name);
            activity?.SetTag("vrrp.vrid", (int)_config.VirtualRouterId);
            activity?.SetTag("vrrp.from", FailoverMetrics.Name(from));
            activity?.SetTag("vrrp.to", FailoverMetrics.Name(to));
            activity?.SetTag("vrrp.reason", reason);
            activity?.SetTag("vrrp.priority", (int)EffectivePriority);
        }

        var notifyState = to switch
        {
            VrrpState.Master => VrrpNotifyState.Master,
            VrrpState.Backup => VrrpNotifyState.Backup,
            VrrpState.Fault => VrrpNotifyState.Fault,
            _ => VrrpNotifyState.Stop,
        };
        Emit(new VrrpAction.Notify(notifyState, EffectivePriority));
        StateChanged?.Invoke(new VrrpStateChange(_config.Name, _config.VirtualRouterId, from, to, now, reason, EffectivePriority, MasterAddress));
    }

    private void Emit(VrrpAction action) => _actions.Add(action);

    private static uint ToUInt32(IPAddress address)
    {
        Span<byte> bytes = stackalloc byte[16];
        return address.TryWriteBytes(bytes, out int written) && written == 4 ? BinaryPrimitives.ReadUInt32BigEndian(bytes) : 0;
    }

    private static TimeSpan? Min(TimeSpan? a, TimeSpan? b) => a is null ? b : b is null ? a : (a < b ? a : b);

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
