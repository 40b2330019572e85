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
/// with its timestamp and returns the actions to carry out. Timers are absolute monotonic timestamps kept
/// here, once: after each step the runner sleeps until <see cref="NextTimerDue"/> and then fires
/// <see cref="VrrpEvent.TimerFired"/>. A state change is the <see cref="VrrpAction.StateChanged"/> action, the
/// last of its step. Not thread-safe: one caller at a time (the instance's engine thread).
/// </summary>
public sealed partial class VrrpStateMachine
{
    private readonly VrrpRouterConfig _config;
    private readonly ILogger _logger;
    private readonly FailoverMetrics? _metrics;
    private readonly uint _primaryAddress;
    private List<VrrpAction> _actions = [];
    private TimeSpan _backupSince;
    private TimeSpan? _lowerMasterSince;
    private TimeSpan? _lastSplitBrainGarp;
    private IPAddress? _resignedMaster;

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
            case VrrpEvent.SyncGroupTransition g: OnSyncGroupTransition(g.Now, g.To, g.Reason); break;
        }

        return _actions;
    }

    private void SendAdvertNow(TimeSpan now)
    {
        Emit(new VrrpAction.SendAdvert(AdvertisedPriority));
        ArmAdver(now + _config.AdverInterval);
    }

    private void ArmAdver(TimeSpan at) => AdverTimerDue = at;

    private void ArmMasterDown(TimeSpan at) => MasterDownTimerDue = at;

    private void ClearTimers()
    {
        AdverTimerDue = null;
        MasterDownTimerDue = null;
        SecondGarpDue = null;
        GarpRefreshDue = null;
        HandoverDeadline = null;
    }

    // The one place a state changes: log, count, trace, and emit the change (notify scripts and listeners).
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

        Emit(new VrrpAction.StateChanged(new VrrpStateChange(_config.Name, _config.VirtualRouterId, from, to, now, reason, EffectivePriority, MasterAddress)));
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
