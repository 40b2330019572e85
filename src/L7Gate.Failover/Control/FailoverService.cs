using L7Gate.Failover.Diagnostics;
using L7Gate.Failover.Network;
using L7Gate.Failover.Notify;
using L7Gate.Failover.Options;
using L7Gate.Failover.Runner;
using L7Gate.Failover.SyncGroups;
using L7Gate.Failover.Tracking;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace L7Gate.Failover.Control;

/// <summary>
/// Hosts one <see cref="VrrpInstanceRunner"/> per configured instance and is the engine's
/// <see cref="IFailoverControl"/>. On stop (SIGTERM) every master hands over first — priority 0, VIPs kept
/// until a peer is master (bounded) — so the host can then drain HTTP. With no instances it does nothing.
/// </summary>
public sealed class FailoverService : IHostedService, IFailoverControl, IAsyncDisposable, IDisposable
{
    private readonly IOptions<FailoverOptions> _options;
    private readonly IServiceProvider _services;
    private readonly ILogger<FailoverService> _logger;
    private Dictionary<string, VrrpInstanceRunner> _runners = new(StringComparer.OrdinalIgnoreCase);
    private Dictionary<string, TrackScriptMonitor> _trackScripts = new(StringComparer.OrdinalIgnoreCase);
    private List<SyncGroupCoordinator> _syncGroups = [];

    /// <summary>Creates the service; options are read at start.</summary>
    public FailoverService(IOptions<FailoverOptions> options, IServiceProvider services, ILogger<FailoverService> logger)
    {
        _options = options;
        _services = services;
        _logger = logger;
    }

    /// <summary>The running instances by name (empty before start or without instances).</summary>
    public IReadOnlyDictionary<string, VrrpInstanceRunner> Runners => _runners;

    /// <inheritdoc />
    public IReadOnlyList<FailoverInstanceStatus> Instances => _runners.Values.Select(r => r.Status).ToArray();

    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var options = _options.Value;
        if (options.Instances.Count == 0)
        {
            FailoverLog.NoInstances(_logger);
            return;
        }

        // keepalived runs a vrrp_script only while some instance tracks it, and once for all of them.
        var executor = _services.GetService<ITrackScriptExecutor>() ?? new ProcessTrackScriptExecutor(_services.GetRequiredService<TimeProvider>());
        var scriptLogger = _services.GetRequiredService<ILoggerFactory>().CreateLogger("L7Gate.Failover.TrackScript");
        _trackScripts = options.Instances.Values
            .SelectMany(i => i.TrackScripts.Select(t => t.Name))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToDictionary(n => n, n => new TrackScriptMonitor(n, options.TrackScripts[n], executor, _services.GetRequiredService<TimeProvider>(), scriptLogger), StringComparer.OrdinalIgnoreCase);

        var dependencies = new FailoverEngineDependencies(
            Require<IVrrpTransportFactory>(),
            Require<IVipManager>(),
            Require<IGarpSender>(),
            Require<ILinkMonitor>(),
            _services.GetService<IProxyHealthProbe>(),
            _services.GetRequiredService<INotifyScriptRunner>(),
            _services.GetRequiredService<TimeProvider>(),
            _services.GetRequiredService<ILoggerFactory>(),
            _services.GetRequiredService<FailoverMetrics>(),
            _services.GetService<IThreadScheduling>(),
            options.ThreadNice,
            _services.GetService<IStragglerForwarder>(),
            options.HandoverForwarding,
            _trackScripts,
            _services.GetService<IVirtualMacLinks>());

        var runners = new Dictionary<string, VrrpInstanceRunner>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, instance) in options.Instances)
        {
            var siblings = options.Instances
                .Where(o => o.Key != name && o.Value.Interface == instance.Interface)
                .Select(o => (byte)o.Value.VirtualRouterId)
                .ToArray();
            runners[name] = new VrrpInstanceRunner(name, instance, options.LinkPollInterval, siblings, dependencies);
        }

        _runners = runners;
        var groupLogger = _services.GetRequiredService<ILoggerFactory>().CreateLogger("L7Gate.Failover.SyncGroup");
        _syncGroups = options.SyncGroups
            .Select(g => new SyncGroupCoordinator(g.Key, g.Value.Instances.Select(i => runners[i]).ToArray(), g.Value.Notify, dependencies.NotifyScripts, groupLogger))
            .ToList();
        await Task.WhenAll(runners.Values.Select(r => r.StartAsync(cancellationToken))).ConfigureAwait(false);
        foreach (var group in _syncGroups)
        {
            group.Start();
        }

        foreach (var monitor in _trackScripts.Values)
        {
            monitor.Start();
        }
    }

    /// <inheritdoc />
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await Task.WhenAll(_runners.Values.Select(r => r.StopAsync(cancellationToken))).ConfigureAwait(false);
        await ReleaseSharedAsync().ConfigureAwait(false);
    }

    /// <inheritdoc />
    /// <remarks>A member of a sync group takes the whole group into maintenance: its members move together.</remarks>
    public Task<bool> EnterMaintenanceAsync(string instance, CancellationToken cancellationToken) =>
        ForGroupAsync(instance, r => r.EnterMaintenanceAsync(cancellationToken));

    /// <inheritdoc />
    /// <remarks>A member of a sync group takes the whole group out of maintenance.</remarks>
    public Task<bool> LeaveMaintenanceAsync(string instance, CancellationToken cancellationToken) =>
        ForGroupAsync(instance, r => r.LeaveMaintenanceAsync(cancellationToken));

    private async Task<bool> ForGroupAsync(string instance, Func<VrrpInstanceRunner, Task<bool>> operation)
    {
        if (!_runners.TryGetValue(instance, out var runner))
        {
            return false;
        }

        var members = runner.SyncGroup is { } group
            ? _runners.Values.Where(r => string.Equals(r.SyncGroup, group, StringComparison.OrdinalIgnoreCase)).ToArray()
            : [runner];
        var results = await Task.WhenAll(members.Select(operation)).ConfigureAwait(false);
        return results.All(r => r);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        foreach (var runner in _runners.Values)
        {
            await runner.DisposeAsync().ConfigureAwait(false);
        }

        await ReleaseSharedAsync().ConfigureAwait(false);
    }

    private async Task ReleaseSharedAsync()
    {
        foreach (var group in _syncGroups)
        {
            group.Dispose();
        }

        _syncGroups = [];
        var monitors = _trackScripts.Values.ToArray();
        _trackScripts = new(StringComparer.OrdinalIgnoreCase);
        foreach (var monitor in monitors)
        {
            await monitor.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>For containers disposed synchronously: stops the instances (no handover wait) and blocks until done.</summary>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private T Require<T>() where T : notnull =>
        _services.GetService<T>() ?? throw new InvalidOperationException(
            $"Failover instances are configured but no {typeof(T).Name} is registered: call AddL7GateFailoverLinux() (or register the I/O seams) next to AddL7GateFailoverEngine().");
}
