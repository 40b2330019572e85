using L7Gate.Failover.Control;
using L7Gate.Failover.Network;
using L7Gate.Failover.Network.Linux;
using L7Gate.Failover.Options;
using L7Gate.Failover.StateMachine;
using Microsoft.Extensions.Options;

namespace L7Gate.Failover;

/// <summary>
/// Host side of the failover lifecycle. At start it opens the gratuitous-ARP handles, so the first takeover
/// does not wait for libpcap. On a planned stop it makes the stop (SIGTERM, <c>docker stop</c>, <c>systemctl stop</c>) lose no request:
/// <list type="number">
/// <item>before Kestrel stops accepting, the failover engine stops: each master advertises priority 0 and keeps
/// serving on its VIPs until the peer advertises as master (bounded by HandoverTimeout);</item>
/// <item>it keeps accepting a moment longer (<see cref="HandoverDrain.Grace"/>), while the peer's gratuitous ARP reaches
/// the clients that still send here;</item>
/// <item>Kestrel then drains in-flight requests (HostOptions.ShutdownTimeout) with the VIPs still on the
/// interface, so their responses still leave from the VIP;</item>
/// <item>only then are the VIPs removed (<see cref="DrainAwareVipManager"/>).</item>
/// </list>
/// </summary>
/// <remarks>
/// Why a lifecycle hook: the host stops hosted services in reverse registration order and WebApplication
/// registers Kestrel's service last, so Kestrel would stop first and the handover would run with the listener
/// closed. <see cref="IHostedLifecycleService.StoppingAsync"/> runs before any service's StopAsync, and this
/// service's StopAsync, registered before Kestrel's, runs after Kestrel has drained. The engine's own
/// StopAsync, called again by the host, finds nothing left to do.
/// </remarks>
internal sealed partial class FailoverHostLifecycle(
    FailoverService failover,
    DrainAwareVipManager vips,
    IGarpSender garp,
    IOptions<FailoverOptions> options,
    TimeProvider time,
    ILogger<FailoverHostLifecycle> logger,
    IVirtualMacLinks? virtualMacs = null) : IHostedLifecycleService
{
    /// <summary>Before the engine starts: ARP replies a crashed drain left muted come back.</summary>
    public Task StartingAsync(CancellationToken cancellationToken)
    {
        if (options.Value.Instances.Count > 0)
        {
            vips.ResetArpGuard();
        }

        return Task.CompletedTask;
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (garp is PcapGarpSender pcap)
        {
            foreach (var name in options.Value.Instances.Values.Select(i => i.Interface).Distinct(StringComparer.Ordinal))
            {
                try
                {
                    pcap.Prepare(name);
                }
                catch (Exception ex) when (ex is InvalidOperationException or DllNotFoundException or SharpPcap.PcapException)
                {
                    // Not fatal here: the engine reports it when a takeover actually needs the GARP.
                    LogGarpPrepareFailed(logger, ex, name);
                }
            }
        }

        return Task.CompletedTask;
    }

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        if (failover.Instances.Count == 0)
        {
            return;
        }

        var masters = failover.Instances.Where(i => i.State == VrrpState.Master).Select(i => i.Name).ToList();
        LogHandoverStarting(logger, masters.Count, string.Join(", ", masters));
        vips.Hold();
        await failover.StopAsync(cancellationToken).ConfigureAwait(false);
        if (masters.Count > 0)
        {
            await Task.Delay(HandoverDrain.Grace(options.Value), time, cancellationToken).ConfigureAwait(false);
        }

        LogHandoverDone(logger);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        var released = await vips.ReleaseAsync(cancellationToken).ConfigureAwait(false);
        if (released > 0)
        {
            LogVipsReleased(logger, released);
        }

        // Virtual MAC macvlans whose VIPs the drain held: their instances have stopped, the VIPs are gone now.
        virtualMacs?.RemoveAll();
    }

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 1600, Level = LogLevel.Information, Message = "Shutdown: handing over failover instances before the proxy stops accepting (masters: {MasterCount} {Instances})")]
    private static partial void LogHandoverStarting(ILogger logger, int masterCount, string instances);

    [LoggerMessage(EventId = 1601, Level = LogLevel.Information, Message = "Shutdown: failover stopped; draining in-flight requests with the VIPs still in place")]
    private static partial void LogHandoverDone(ILogger logger);

    [LoggerMessage(EventId = 1603, Level = LogLevel.Warning, Message = "Failover: cannot prepare gratuitous ARP on {Interface}")]
    private static partial void LogGarpPrepareFailed(ILogger logger, Exception exception, string @interface);

    [LoggerMessage(EventId = 1602, Level = LogLevel.Information, Message = "Shutdown: proxy drained, {Count} VIPs removed")]
    private static partial void LogVipsReleased(ILogger logger, int count);
}
