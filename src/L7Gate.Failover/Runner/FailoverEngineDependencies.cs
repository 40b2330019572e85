using L7Gate.Failover.Diagnostics;
using L7Gate.Failover.Network;
using L7Gate.Failover.Notify;
using L7Gate.Failover.Tracking;
using Microsoft.Extensions.Logging;

namespace L7Gate.Failover.Runner;

/// <summary>The I/O seams and services every <see cref="VrrpInstanceRunner"/> uses.</summary>
public sealed record FailoverEngineDependencies(
    IVrrpTransportFactory TransportFactory,
    IVipManager VipManager,
    IGarpSender GarpSender,
    ILinkMonitor LinkMonitor,
    IProxyHealthProbe? ProxyHealthProbe,
    INotifyScriptRunner NotifyScripts,
    TimeProvider TimeProvider,
    ILoggerFactory LoggerFactory,
    FailoverMetrics Metrics);
