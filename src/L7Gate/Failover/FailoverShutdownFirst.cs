using L7Gate.Failover.Control;

namespace L7Gate.Failover;

/// <summary>
/// Makes a planned stop (SIGTERM, <c>docker stop</c>, <c>systemctl stop</c>) lose no request:
/// <list type="number">
/// <item>before Kestrel stops accepting, the failover engine stops: each master advertises priority 0 and keeps
/// serving on its VIPs until the peer advertises as master (bounded by HandoverTimeout);</item>
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
internal sealed partial class FailoverShutdownFirst(
    FailoverService failover,
    DrainAwareVipManager vips,
    ILogger<FailoverShutdownFirst> logger) : IHostedLifecycleService
{
    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        if (failover.Instances.Count == 0)
        {
            return;
        }

        var masters = failover.Instances.Where(i => i.State == "Master").Select(i => i.Name).ToList();
        LogHandoverStarting(logger, masters.Count, string.Join(", ", masters));
        vips.DeferRemovals();
        await failover.StopAsync(cancellationToken).ConfigureAwait(false);
        LogHandoverDone(logger);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        var released = await vips.ReleaseDeferredAsync(cancellationToken).ConfigureAwait(false);
        if (released > 0)
        {
            LogVipsReleased(logger, released);
        }
    }

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 1600, Level = LogLevel.Information, Message = "Shutdown: handing over failover instances before the proxy stops accepting (masters: {MasterCount} {Instances})")]
    private static partial void LogHandoverStarting(ILogger logger, int masterCount, string instances);

    [LoggerMessage(EventId = 1601, Level = LogLevel.Information, Message = "Shutdown: failover stopped; draining in-flight requests with the VIPs still in place")]
    private static partial void LogHandoverDone(ILogger logger);

    [LoggerMessage(EventId = 1602, Level = LogLevel.Information, Message = "Shutdown: proxy drained, {Count} VIPs removed")]
    private static partial void LogVipsReleased(ILogger logger, int count);
}
