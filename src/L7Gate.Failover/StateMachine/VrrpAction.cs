namespace L7Gate.Failover.StateMachine;

/// <summary>An output of <see cref="VrrpStateMachine"/> for the runner to carry out, in order.</summary>
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

    /// <summary>The second GARP burst is due at <see cref="At"/> (a <see cref="SendGarp"/> follows then).</summary>
    public sealed record ScheduleSecondGarp(TimeSpan At) : VrrpAction;

    /// <summary>Adver_Timer armed (RFC 5798 §6.2).</summary>
    public sealed record ArmAdverTimer(TimeSpan At) : VrrpAction;

    /// <summary>Master_Down_Timer armed (RFC 5798 §6.2).</summary>
    public sealed record ArmMasterDownTimer(TimeSpan At) : VrrpAction;

    /// <summary>Run notify scripts and raise the state-change notification.</summary>
    public sealed record Notify(VrrpNotifyState State, byte Priority) : VrrpAction;
}
