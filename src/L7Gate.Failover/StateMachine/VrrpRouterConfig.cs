using System.Net;

namespace L7Gate.Failover.StateMachine;

/// <summary>The state machine's view of one instance's configuration (already validated).</summary>
public sealed record VrrpRouterConfig
{
    /// <summary>Instance name, for logs and events.</summary>
    public required string Name { get; init; }

    /// <summary>2 or 3.</summary>
    public int Version { get; init; } = 3;

    /// <summary>VRID.</summary>
    public required byte VirtualRouterId { get; init; }

    /// <summary>Configured priority; 255 = address owner (RFC 5798 §6.1).</summary>
    public byte Priority { get; init; } = 100; // keepalived default

    /// <summary>Advertisement_Interval (RFC 5798 §6.1).</summary>
    public TimeSpan AdverInterval { get; init; } = TimeSpan.FromSeconds(1); // RFC 5798 §6.1 default 100 cs

    /// <summary>Preempt_Mode (RFC 5798 §6.1).</summary>
    public bool PreemptMode { get; init; } = true; // RFC 5798 §6.1, keepalived default

    /// <summary>keepalived preempt_delay: after entering Backup or first seeing a lower-priority master, wait this long before preempting.</summary>
    public TimeSpan PreemptDelay { get; init; }

    /// <summary>This router's primary address (tie-break on equal priority, RFC 5798 §6.4.3).</summary>
    public required IPAddress PrimaryAddress { get; init; }

    /// <summary>Delay of the second GARP burst after becoming master; zero disables it.</summary>
    public TimeSpan GarpDelay { get; init; } = TimeSpan.FromSeconds(5); // keepalived default garp_master_delay

    /// <summary>Periodic GARP while master; null = off.</summary>
    public TimeSpan? GarpRefresh { get; init; } // keepalived default: no refresh

    /// <summary>Planned handover: longest wait for a peer to advertise as master before the VIPs are released anyway.</summary>
    public TimeSpan HandoverTimeout { get; init; } = TimeSpan.FromSeconds(4);

    /// <summary>Split-brain recovery: at most one extra GARP burst per this period when answering a lower-priority master.</summary>
    public TimeSpan SplitBrainGarpHoldoff { get; init; } = TimeSpan.FromSeconds(1);
}
