using L7Gate.Failover.Diagnostics;
using L7Gate.Failover.Network;
using L7Gate.Failover.Notify;
using L7Gate.Failover.Tracking;
using Microsoft.Extensions.Logging;

namespace L7Gate.Failover.Runner;

/// <summary>
/// The I/O seams and services every <see cref="VrrpInstanceRunner"/> uses; <paramref name="Scheduling"/> and
/// <paramref name="ThreadNice"/> (0: leave alone) set its threads' OS priority. A planned takeover forwards the former
/// master's stragglers through <paramref name="StragglerForwarder"/> when <paramref name="HandoverForwarding"/> is on;
/// the forwarder is also what removes a forwarding a previous run left behind, whatever the option says now.
/// <paramref name="TrackScripts"/> are the running track-script monitors by name (shared by every instance that tracks them).
/// <paramref name="VirtualMacLinks"/> creates the macvlans of instances with UseVirtualMac (null: such an instance cannot start).
/// </summary>
public sealed record FailoverEngineDependencies(
    IVrrpTransportFactory TransportFactory,
    IVipManager VipManager,
    IGarpSender GarpSender,
    ILinkMonitor LinkMonitor,
    IProxyHealthProbe? ProxyHealthProbe,
    INotifyScriptRunner NotifyScripts,
    TimeProvider TimeProvider,
    ILoggerFactory LoggerFactory,
    FailoverMetrics Metrics,
    IThreadScheduling? Scheduling = null,
    int ThreadNice = 0,
    IStragglerForwarder? StragglerForwarder = null,
    bool HandoverForwarding = true,
    IReadOnlyDictionary<string, TrackScriptMonitor>? TrackScripts = null,
    IVirtualMacLinks? VirtualMacLinks = null);
