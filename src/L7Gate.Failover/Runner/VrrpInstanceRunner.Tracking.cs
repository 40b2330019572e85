using L7Gate.Failover.Diagnostics;
using L7Gate.Failover.Options;
using L7Gate.Failover.Tracking;

namespace L7Gate.Failover.Runner;

// Tracking: the instance's own interface (down → Fault), TrackInterfaces, TrackScripts and TrackProxy feed the effective priority.
public sealed partial class VrrpInstanceRunner
{
    private const string ProxyTracker = "proxy";

    private string OwnInterfaceTracker => $"interface {_settings.Interface}";

    private void InitializeTrackers()
    {
        lock (_trackLock)
        {
            _trackers[OwnInterfaceTracker] = new TrackerState(OwnInterfaceTracker, 0, _deps.LinkMonitor.IsUp(_settings.Interface));
            foreach (var track in _settings.Options.TrackInterfaces)
            {
                var name = $"interface {track.Name}";
                _trackers[name] = new TrackerState(name, track.Weight, _deps.LinkMonitor.IsUp(track.Name));
            }

            foreach (var track in _settings.Options.TrackScripts)
            {
                if (_deps.TrackScripts?.GetValueOrDefault(track.Name) is not { } monitor)
                {
                    throw new InvalidOperationException($"Failover instance '{Name}': track script '{track.Name}' is not running (not under Failover:TrackScripts?)");
                }

                // Subscribed before the health is read, under the lock the update takes: no flip is lost.
                var name = $"script {monitor.Name}";
                monitor.HealthChanged += healthy => UpdateTracker(name, healthy);
                _trackers[name] = new TrackerState(name, track.Weight ?? monitor.Weight, monitor.IsHealthy);
            }

            if (_settings.Options.TrackProxy is { } proxy && _deps.ProxyHealthProbe is not null)
            {
                _trackers[ProxyTracker] = new TrackerState(ProxyTracker, proxy.Weight, Healthy: true);
            }

            if (SyncGroupTracker is { } group)
            {
                _trackers[group] = new TrackerState(group, 0, Healthy: true);
            }

            _ownFault = ComputeOwnFault();
        }
    }

    // A fault of this instance's own trackers, not the one its sync group passes on: that one is the group's to clear.
    private bool ComputeOwnFault() => _trackers.Values.Any(t => t.Weight == 0 && !t.Healthy && t.Name != SyncGroupTracker);

    private (byte Priority, bool Fault, string Reason) ComputeTracking()
    {
        lock (_trackLock)
        {
            var (priority, fault) = EffectivePriorityCalculator.Compute(_settings.Options.Priority, _trackers.Values);
            var reason = fault
                ? string.Join(", ", _trackers.Values.Where(t => t.Weight == 0 && !t.Healthy).Select(t => t.Name + " failed"))
                : "";
            return (priority, fault, reason);
        }
    }

    private void UpdateTracker(string name, bool healthy)
    {
        (byte Priority, bool Fault, string Reason) tracking;
        bool? ownFaultNow = null;
        lock (_trackLock)
        {
            var current = _trackers[name];
            if (current.Healthy == healthy)
            {
                return;
            }

            _trackers[name] = current with { Healthy = healthy };
            if (ComputeOwnFault() != _ownFault)
            {
                _ownFault = !_ownFault;
                ownFaultNow = _ownFault;
            }

            tracking = ComputeTracking();
            if (_lastTracking == tracking)
            {
                RaiseOwnFaultChanged(ownFaultNow);
                return;
            }

            _lastTracking = tracking;

            // Posted under the lock: link and proxy trackers run on different threads, and the engine must see
            // their results in the order they were computed, or a stale priority could win.
            Post(new EngineInput.Tracking(tracking.Priority, tracking.Fault, tracking.Reason));
        }

        FailoverLog.TrackerChanged(_logger, Name, Vrid, name, healthy ? "healthy" : "failed", tracking.Priority);
        RaiseOwnFaultChanged(ownFaultNow);
    }

    private async Task PollLinksAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            await Task.Delay(_linkPollInterval, _time, cancellationToken).ConfigureAwait(false);
            UpdateTracker(OwnInterfaceTracker, _deps.LinkMonitor.IsUp(_settings.Interface));
            foreach (var track in _settings.Options.TrackInterfaces)
            {
                UpdateTracker($"interface {track.Name}", _deps.LinkMonitor.IsUp(track.Name));
            }

            if (_settings.VirtualMacInterface is not null)
            {
                Post(new EngineInput.VirtualMacCheck()); // down once a drain has let go of the VIPs
            }
        }
    }

    private async Task ProbeProxyAsync(TrackProxyOptions options, CancellationToken cancellationToken)
    {
        var probe = _deps.ProxyHealthProbe!;
        var timeout = options.Timeout ?? options.Interval;
        while (!cancellationToken.IsCancellationRequested)
        {
            await Task.Delay(options.Interval, _time, cancellationToken).ConfigureAwait(false);
            bool healthy;
            using (var probeTimeout = new CancellationTokenSource(timeout, _time))
            using (var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, probeTimeout.Token))
            {
                try
                {
                    healthy = await probe.IsHealthyAsync(linked.Token).ConfigureAwait(false);
                }
                catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
                {
                    FailoverLog.ProxyProbeFailed(_logger, ex, Name, Vrid);
                    healthy = false;
                }
            }

            if (_proxyCounter!.Record(healthy))
            {
                UpdateTracker(ProxyTracker, _proxyCounter.IsHealthy);
            }
        }
    }
}
