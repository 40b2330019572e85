using System.Net;
using L7Gate.Failover.Protocol;

namespace L7Gate.Failover.StateMachine;

/// <summary>
/// An input to <see cref="VrrpStateMachine"/>. <see cref="Now"/> is monotonic time (elapsed since the
/// runner's start) so tests drive the machine with plain timestamps.
/// </summary>
public abstract record VrrpEvent(TimeSpan Now)
{
    /// <summary>The instance starts (RFC 5798 §6.4.1 "Startup event").</summary>
    public sealed record Startup(TimeSpan Now) : VrrpEvent(Now);

    /// <summary>An advert that passed the receive checks.</summary>
    public sealed record AdvertReceived(TimeSpan Now, VrrpAdvertisement Advert, IPAddress Source) : VrrpEvent(Now);

    /// <summary>The earliest armed timer (<see cref="VrrpStateMachine.NextTimerDue"/>) is due.</summary>
    public sealed record TimerFired(TimeSpan Now) : VrrpEvent(Now);

    /// <summary>Tracking changed the effective priority (already clamped by the caller).</summary>
    public sealed record PriorityChanged(TimeSpan Now, byte EffectivePriority) : VrrpEvent(Now);

    /// <summary>The instance stops (RFC 5798 §6.4.3 "Shutdown event").</summary>
    public sealed record Shutdown(TimeSpan Now) : VrrpEvent(Now);

    /// <summary>Planned handover: advertise priority 0, keep the VIPs until a peer is master, then release.</summary>
    public sealed record EnterMaintenance(TimeSpan Now) : VrrpEvent(Now);

    /// <summary>End of maintenance: take part in elections again.</summary>
    public sealed record LeaveMaintenance(TimeSpan Now) : VrrpEvent(Now);

    /// <summary>The interface went down or a weight-0 tracker failed.</summary>
    public sealed record FaultDetected(TimeSpan Now, string Reason) : VrrpEvent(Now);

    /// <summary>
    /// Another member of this instance's sync group (keepalived <c>vrrp_sync_group</c>) became <see cref="To"/>: a backup
    /// follows it to Master, a master follows it to Backup. Faults travel as a weight-0 tracker instead.
    /// </summary>
    public sealed record SyncGroupTransition(TimeSpan Now, VrrpState To, string Reason) : VrrpEvent(Now);

    /// <summary>Every fault condition cleared.</summary>
    public sealed record FaultCleared(TimeSpan Now) : VrrpEvent(Now);
}
