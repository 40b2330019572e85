namespace L7Gate.Failover.StateMachine;

/// <summary>
/// An output of <see cref="VrrpStateMachine"/> for the runner to carry out, in order. Timers are not actions: they
/// are the machine's state (<see cref="VrrpStateMachine.NextTimerDue"/>), which the runner reads after each step.
/// </summary>
public abstract record VrrpAction
{
    /// <summary>Send one advertisement with this priority (0 = master leaving).</summary>
    public sealed record SendAdvert(byte Priority) : VrrpAction;

    /// <summary>Add the virtual IPs to the interface.</summary>
    public sealed record AddVips : VrrpAction;

    /// <summary>Remove the virtual IPs from the interface.</summary>
    public sealed record RemoveVips : VrrpAction;

    /// <summary>
    /// A planned takeover: forward the former master's stragglers to it for the handover grace (see
    /// <see cref="Network.IStragglerForwarder"/>). Comes after <see cref="AddVips"/> and before <see cref="SendGarp"/>.
    /// </summary>
    public sealed record ForwardStragglers(System.Net.IPAddress FormerMaster) : VrrpAction;

    /// <summary>Send one gratuitous-ARP burst: Garp.Repeat per VIP, or Garp.RefreshRepeat for a periodic refresh.</summary>
    public sealed record SendGarp(bool IsRefresh = false) : VrrpAction;

    /// <summary>
    /// The state changed (always the last action of its step): run the notify scripts and tell the runner's
    /// listeners, once the actions before it (VIPs, GARP, adverts) were carried out.
    /// </summary>
    public sealed record StateChanged(VrrpStateChange Change) : VrrpAction;
}
