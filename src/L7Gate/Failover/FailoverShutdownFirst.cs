using L7Gate.Failover.Control;

namespace L7Gate.Failover;

/// <summary>
/// Makes a planned stop (SIGTERM, <c>docker stop</c>, <c>systemctl stop</c>) lose no request: the failover
/// engine stops — each master advertises priority 0, keeps the VIPs and keeps serving until the peer
/// advertises as master (bounded by HandoverTimeout), then removes them — before Kestrel stops accepting;
/// Kestrel then drains in-flight requests within HostOptions.ShutdownTimeout.
/// </summary>
/// <remarks>
/// Why a lifecycle hook: the host stops hosted services in reverse registration order and WebApplication
/// registers Kestrel's service last, so Kestrel would stop first and the handover would run with the
/// listener closed. <see cref="IHostedLifecycleService.StoppingAsync"/> runs before any service's StopAsync.
/// The engine's own StopAsync, called again later by the host, then finds nothing left to do.
/// </remarks>
internal sealed partial class FailoverShutdownFirst(FailoverService failover, ILogger<FailoverShutdownFirst> logger) : IHostedLifecycleService
{
    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        var masters = failover.Instances.Where(i => i.State == "Master").Select(i => i.Name).ToList();
        if (failover.Instances.Count == 0)
        {
            return;
        }

        LogHandoverStarting(logger, masters.Count, string.Join(", ", masters));
        await failover.StopAsync(cancellationToken).ConfigureAwait(false);
        LogHandoverDone(logger);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 1600, Level = LogLevel.Information, Message = "Shutdown: handing over failover instances before the proxy stops accepting (masters: {MasterCount} {Instances})")]
    private static partial void LogHandoverStarting(ILogger logger, int masterCount, string instances);

    [LoggerMessage(EventId = 1601, Level = LogLevel.Information, Message = "Shutdown: failover stopped, VIPs released; draining in-flight requests")]
    private static partial void LogHandoverDone(ILogger logger);
}
