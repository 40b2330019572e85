using L7Gate.Failover.Diagnostics;
using L7Gate.Failover.Network;
using L7Gate.Failover.Notify;
using L7Gate.Failover.Tracking;
using Microsoft.Extensions.Logging;

namespace L7Gate.Failover.Runner;

/// <summary>
/// The I/O seams and services every <see cref="VrrpInstanceRunner"/> uses; <paramref name="Scheduling"/> and
/// <paramref name="ThreadNice"/> (0: leave alone) set its threads' OS priority; without a
/// <paramref name="StragglerForwarder"/> a planned takeover forwards nothing.
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
    IStragglerForwarder? StragglerForwarder = null);
