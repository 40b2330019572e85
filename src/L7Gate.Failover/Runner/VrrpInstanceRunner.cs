using System.Collections.Concurrent;
using System.Net;
using L7Gate.Failover.Control;
using L7Gate.Failover.Diagnostics;
using L7Gate.Failover.Network;
using L7Gate.Failover.Protocol;
using L7Gate.Failover.StateMachine;
using L7Gate.Failover.Tracking;
using Microsoft.Extensions.Logging;

namespace L7Gate.Failover.Runner;

/// <summary>
/// Runs one VRRP instance: feeds the <see cref="VrrpStateMachine"/> from the transport, the trackers and
/// the control API, and carries out its actions. The state machine, its timers and every advert send live
/// on one dedicated thread per instance, so adverts go out on time even when the thread pool is busy;
/// receive has its own thread. Trackers poll on the thread pool (a late poll only delays a priority change).
/// </summary>
public sealed partial class VrrpInstanceRunner : IAsyncDisposable
{
    private static readonly TimeSpan RejectLogPeriod = TimeSpan.FromMinutes(1);
    private readonly VrrpInstanceSettings _settings;
    private readonly FailoverEngineDependencies _deps;
    private readonly TimeSpan _linkPollInterval;
    private readonly IReadOnlyCollection<byte> _siblingVrids;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly bool _systemClock;
    private readonly ConcurrentQueue<EngineInput> _inputs = new();
    private readonly ManualResetEventSlim _wake = new(false);
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<TaskCompletionSource<bool>> _handoverWaiters = [];
    private readonly List<VrrpStateChange> _pendingChanges = [];
    private readonly Dictionary<string, TimeSpan> _lastRejectLog = new(StringComparer.Ordinal);
    private readonly byte[] _sendBuffer = new byte[1500];
    private readonly TaskCompletionSource _engineExited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _trackLock = new();
    private readonly Dictionary<string, TrackerState> _trackers = new(StringComparer.Ordinal);
    private readonly RiseFallCounter? _proxyCounter;
    private (byte Priority, bool Fault, string Reason)? _lastTracking;
    private long _startTimestamp;
    private ITimer? _timer;
    private Thread? _engineThread;
    private Thread? _receiveThread;
    private Task _linkTask = Task.CompletedTask;
    private Task _proxyTask = Task.CompletedTask;
    private VrrpStateMachine? _machine;
    private IVrrpTransport? _transport;
    private IPAddress? _source;
    private VrrpReceivePolicy? _policy;
    private IDisposable? _metricsRegistration;
    private bool _pendingMaintenance;
    private bool _bringUpFailed;
    private volatile FailoverInstanceStatus _status;
    private volatile int _state;
    private volatile int _effectivePriority;
    private volatile bool _engineWaiting;
    private long _packetsReceived;
    private DateTimeOffset? _lastTransitionUtc;

    /// <summary>Creates a runner; nothing happens until <see cref="StartAsync"/>.</summary>
    /// <param name="name">Instance name (the key under Failover:Instances).</param>
    /// <param name="options">The instance's validated options.</param>
    /// <param name="linkPollInterval">How often interface state is polled.</param>
    /// <param name="siblingVirtualRouterIds">VRIDs of other instances on the same interface (their adverts are not foreign).</param>
    /// <param name="dependencies">I/O seams and services.</param>
    public VrrpInstanceRunner(string name, Options.VrrpInstanceOptions options, TimeSpan linkPollInterval, IReadOnlyCollection<byte> siblingVirtualRouterIds, FailoverEngineDependencies dependencies)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(dependencies);
        _settings = new VrrpInstanceSettings(name, options);
        _deps = dependencies;
        _linkPollInterval = linkPollInterval;
        _siblingVrids = siblingVirtualRouterIds;
        _time = dependencies.TimeProvider;
        _systemClock = ReferenceEquals(_time, TimeProvider.System);
        _logger = dependencies.LoggerFactory.CreateLogger("L7Gate.Failover.VrrpInstance");
        _effectivePriority = options.Priority;
        if (options.TrackProxy is { } proxy)
        {
            _proxyCounter = new RiseFallCounter(proxy.Rise, proxy.Fall);
        }

        _status = BuildStatus();
    }

    /// <summary>Raised on the engine thread after a state change's actions (VIPs, GARP, adverts) were carried out.</summary>
    public event Action<VrrpStateChange>? StateChanged;

    /// <summary>Instance name.</summary>
    public string Name => _settings.Name;

    /// <summary>Current state.</summary>
    public VrrpState State => (VrrpState)_state;

    /// <summary>Current effective priority.</summary>
    public byte EffectivePriority => (byte)_effectivePriority;

    /// <summary>A snapshot for status pages.</summary>
    public FailoverInstanceStatus Status => _status;

    /// <summary>Test hook: how late each advert timer fired (jitter measurement).</summary>
    internal Action<TimeSpan>? AdvertTimerLateness { get; set; }

    /// <summary>Test hook: the engine thread is blocked waiting, with no input queued and no wake-up pending.</summary>
    internal bool IsIdle => _engineThread is null || _engineExited.Task.IsCompleted || (_engineWaiting && _inputs.IsEmpty && !_wake.IsSet);

    /// <summary>Test hook: packets the receive thread has fully handled (checked, counted, posted).</summary>
    internal long PacketsReceived => Interlocked.Read(ref _packetsReceived);

    private TimeSpan Now => _time.GetElapsedTime(_startTimestamp);

    private byte Vrid => _settings.VirtualRouterId;

    /// <summary>
    /// Removes VIPs a previous run left behind (keepalived does the same on start), then starts the engine
    /// thread. The instance comes up in Backup (or Master when it owns the address, priority 255).
    /// </summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (_engineThread is not null)
        {
            throw new InvalidOperationException($"Failover instance '{Name}' is already started.");
        }

        _startTimestamp = _time.GetTimestamp();
        var options = _settings.Options;
        FailoverLog.InstanceStarting(_logger, Name, Vrid, _settings.Interface, options.Version, options.Priority, options.AdvertisementInterval,
            options.IsUnicast ? $"unicast to {string.Join(", ", _settings.Peers)}" : "multicast 224.0.0.18", string.Join(", ", _settings.Vips));

        await RemoveStaleVipsAsync(cancellationToken).ConfigureAwait(false);
        StopStragglerForwarding();
        InitializeTrackers();
        _metricsRegistration = _deps.Metrics.Register(Name, () => (State, EffectivePriority));
        if (!_systemClock)
        {
            _timer = _time.CreateTimer(_ => _wake.Set(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }

        _engineThread = new Thread(EngineMain) { IsBackground = true, Name = $"vrrp-{Name}" };
        _engineThread.Start();
        _linkTask = Task.Run(() => PollLinksAsync(_stopping.Token), CancellationToken.None);
        if (options.TrackProxy is { } trackProxy)
        {
            if (_deps.ProxyHealthProbe is null)
            {
                FailoverLog.ProxyProbeMissing(_logger, Name, Vrid);
            }
            else
            {
                _proxyTask = Task.Run(() => ProbeProxyAsync(trackProxy, _stopping.Token), CancellationToken.None);
            }
        }
    }

    /// <summary>
    /// Planned handover: advertise priority 0, keep the VIPs and keep serving until a peer advertises as master
    /// (bounded by HandoverTimeout), then remove the VIPs. Completes when the VIPs are released, or at once when
    /// this instance is not master. The instance stays out of elections until <see cref="LeaveMaintenanceAsync"/>.
    /// </summary>
    public Task<bool> EnterMaintenanceAsync(CancellationToken cancellationToken) => PostMaintenance(enter: true, cancellationToken);

    /// <summary>Ends maintenance: the instance takes part in elections again with its effective priority.</summary>
    public Task<bool> LeaveMaintenanceAsync(CancellationToken cancellationToken) => PostMaintenance(enter: false, cancellationToken);

    /// <summary>
    /// Stops the instance: a master first hands over (as in maintenance, bounded), then the instance shuts down
    /// (priority 0 if still master, VIPs removed, STOP notified) and its threads and socket are released.
    /// </summary>
    public Task StopAsync(CancellationToken cancellationToken) => StopAsync(handOver: true, cancellationToken);

    /// <inheritdoc />
    /// <remarks>Disposing stops without the handover wait: priority 0 if master, VIPs removed, STOP notified.</remarks>
    public async ValueTask DisposeAsync()
    {
        await StopAsync(handOver: false, CancellationToken.None).ConfigureAwait(false);
        _stopping.Dispose();
        _wake.Dispose();
    }

    private async Task StopAsync(bool handOver, CancellationToken cancellationToken)
    {
        if (_engineThread is null || _stopping.IsCancellationRequested)
        {
            return;
        }

        try
        {
            if (handOver && State == VrrpState.Master)
            {
                await EnterMaintenanceAsync(cancellationToken).ConfigureAwait(false);
            }

            var stopped = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            Post(new EngineInput.Stop(stopped));
            await Task.WhenAny(stopped.Task, _engineExited.Task).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await ReleaseAsync().ConfigureAwait(false);
        }
    }

    private async Task ReleaseAsync()
    {
        if (_stopping.IsCancellationRequested)
        {
            return;
        }

        _stopping.Cancel();
        Post(new EngineInput.Stop(null));
        try
        {
            await Task.WhenAll(_linkTask, _proxyTask).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        await Task.Run(() =>
        {
            _engineThread?.Join();
            _receiveThread?.Join();
        }).ConfigureAwait(false);
        if (_transport is not null)
        {
            await _transport.DisposeAsync().ConfigureAwait(false);
        }

        await RemoveVirtualMacAsync().ConfigureAwait(false);

        StopStragglerForwarding();
        _timer?.Dispose();
        _metricsRegistration?.Dispose();
        FailoverLog.InstanceStopped(_logger, Name, Vrid);
    }

    private Task<bool> PostMaintenance(bool enter, CancellationToken cancellationToken)
    {
        if (_engineThread is null || _engineExited.Task.IsCompleted)
        {
            return Task.FromResult(false);
        }

        var done = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        Post(new EngineInput.Maintenance(enter, done));
        return done.Task.WaitAsync(cancellationToken);
    }

    private void Post(EngineInput input)
    {
        _inputs.Enqueue(input);
        _wake.Set();
    }

    // At start (a crashed run's forwarding must not outlive it) and at stop.
    private void StopStragglerForwarding()
    {
        try
        {
            _deps.StragglerForwarder?.Stop(_settings.Interface, Vrid);
        }
        catch (Exception ex)
        {
            FailoverLog.StragglerForwardingStopFailed(_logger, ex, Name, Vrid);
        }
    }

    private async Task RemoveStaleVipsAsync(CancellationToken cancellationToken)
    {
        foreach (var vip in _settings.Vips)
        {
            try
            {
                if (await _deps.VipManager.IsPresentAsync(_settings.Interface, vip.Address, cancellationToken).ConfigureAwait(false))
                {
                    await _deps.VipManager.RemoveAsync(_settings.Interface, vip.Address, vip.PrefixLength, cancellationToken).ConfigureAwait(false);
                    FailoverLog.StaleVipRemoved(_logger, Name, Vrid, vip.ToString(), _settings.Interface);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                FailoverLog.VipOperationFailed(_logger, ex, Name, Vrid, "remove stale", vip.ToString(), _settings.Interface);
            }
        }
    }

    private FailoverInstanceStatus BuildStatus()
    {
        var machine = _machine;
        var state = machine?.State ?? (_bringUpFailed ? VrrpState.Fault : VrrpState.Initialize);
        return new FailoverInstanceStatus(
            Name,
            _settings.Interface,
            _settings.Options.VirtualRouterId,
            _settings.Options.Version,
            state,
            _settings.Options.Priority,
            machine?.EffectivePriority ?? _effectivePriority,
            machine?.MasterAddress?.ToString(),
            _settings.Vips.Select(v => v.ToString()).ToArray(),
            machine?.InMaintenance ?? _pendingMaintenance,
            _lastTransitionUtc);
    }

    private abstract record EngineInput
    {
        public sealed record Advert(VrrpAdvertisement Advertisement, IPAddress Source) : EngineInput;

        public sealed record Tracking(byte Priority, bool Fault, string Reason) : EngineInput;

        public sealed record Maintenance(bool Enter, TaskCompletionSource<bool> Done) : EngineInput;

        public sealed record Stop(TaskCompletionSource<bool>? Done) : EngineInput;

        public sealed record SyncGroup(VrrpState To, string Reason) : EngineInput;

        public sealed record VirtualMacCheck : EngineInput;
    }
}
