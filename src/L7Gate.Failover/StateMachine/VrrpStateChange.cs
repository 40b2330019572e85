using System.Net;

namespace L7Gate.Failover.StateMachine;

/// <summary>One state transition of an instance.</summary>
/// <param name="Instance">Instance name.</param>
/// <param name="VirtualRouterId">VRID.</param>
/// <param name="From">Previous state.</param>
/// <param name="To">New state.</param>
/// <param name="At">Monotonic time of the change.</param>
/// <param name="Reason">Why, for logs (e.g. "master-down timer expired").</param>
/// <param name="EffectivePriority">Effective priority at the change.</param>
/// <param name="MasterAddress">The master's address after the change, when known.</param>
public sealed record VrrpStateChange(string Instance, byte VirtualRouterId, VrrpState From, VrrpState To, TimeSpan At, string Reason, byte EffectivePriority, IPAddress? MasterAddress);
