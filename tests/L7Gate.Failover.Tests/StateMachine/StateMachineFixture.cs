using System.Net;
using L7Gate.Failover.Protocol;
using L7Gate.Failover.StateMachine;

namespace L7Gate.Failover.Tests.StateMachine;

internal static class StateMachineFixture
{
    public static readonly IPAddress Own = IPAddress.Parse("192.0.2.12");
    public static readonly IPAddress LowerIpPeer = IPAddress.Parse("192.0.2.11");
    public static readonly IPAddress HigherIpPeer = IPAddress.Parse("192.0.2.13");
    public static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    public static VrrpStateMachine Create(byte priority = 100, bool preempt = true, int version = 3, TimeSpan? interval = null,
        TimeSpan preemptDelay = default, TimeSpan? garpRefresh = null, TimeSpan? garpDelay = null) =>
        new(new VrrpRouterConfig
        {
            Name = "VI_1",
            Version = version,
            VirtualRouterId = 51,
            Priority = priority,
            AdverInterval = interval ?? Second,
            PreemptMode = preempt,
            PreemptDelay = preemptDelay,
            PrimaryAddress = Own,
            GarpRefresh = garpRefresh,
            GarpDelay = garpDelay ?? TimeSpan.FromSeconds(5),
            HandoverTimeout = TimeSpan.FromSeconds(4),
        });

    public static VrrpEvent.AdvertReceived Advert(TimeSpan now, byte priority, IPAddress? source = null, ushort interval = 100, int version = 3) =>
        new(now, new VrrpAdvertisement(version, 51, priority, interval, [IPAddress.Parse("192.0.2.100")]), source ?? LowerIpPeer);

    public static TimeSpan S(double seconds) => TimeSpan.FromSeconds(seconds);

    /// <summary>The actions with each state change reduced to its new state and priority, for list comparisons.</summary>
    public static IReadOnlyList<VrrpAction> Shape(IReadOnlyList<VrrpAction> actions) =>
        actions.Select(a => a is VrrpAction.StateChanged c ? new Transitioned(c.Change.To, c.Change.EffectivePriority) : a).ToArray();

    /// <summary>The state changes among the actions.</summary>
    public static IReadOnlyList<VrrpStateChange> Changes(IReadOnlyList<VrrpAction> actions) =>
        actions.OfType<VrrpAction.StateChanged>().Select(c => c.Change).ToArray();

    /// <summary>A backup started at t = 0.</summary>
    public static VrrpStateMachine Backup(byte priority = 100, bool preempt = true, TimeSpan preemptDelay = default)
    {
        var machine = Create(priority, preempt, preemptDelay: preemptDelay);
        machine.Handle(new VrrpEvent.Startup(TimeSpan.Zero));
        return machine;
    }

    /// <summary>A master: started at 0, master-down expired at 4 s.</summary>
    public static VrrpStateMachine Master(byte priority = 100, TimeSpan? garpRefresh = null)
    {
        var machine = Create(priority, garpRefresh: garpRefresh);
        machine.Handle(new VrrpEvent.Startup(TimeSpan.Zero));
        machine.Handle(new VrrpEvent.TimerFired(S(4)));
        Assert.Equal(VrrpState.Master, machine.State);
        return machine;
    }
}

/// <summary>A state change as <see cref="StateMachineFixture.Shape"/> shows it.</summary>
internal sealed record Transitioned(VrrpState To, byte Priority) : VrrpAction;
