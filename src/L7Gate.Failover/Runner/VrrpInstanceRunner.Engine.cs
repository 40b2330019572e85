using L7Gate.Failover.Diagnostics;
using L7Gate.Failover.Protocol;
using L7Gate.Failover.StateMachine;

namespace L7Gate.Failover.Runner;

// The engine thread: the only thread that touches the state machine, its timers and the send path.
public sealed partial class VrrpInstanceRunner
{
    private void EngineMain()
    {
        RaiseThreadPriority("engine");
        try
        {
            EngineLoop();
        }
        catch (Exception ex)
        {
            FailoverLog.EngineFailed(_logger, ex, Name, Vrid);
        }
        finally
        {
            foreach (var waiter in _handoverWaiters)
            {
                waiter.TrySetResult(false);
            }

            _handoverWaiters.Clear();
            while (_inputs.TryDequeue(out var input))
            {
                (input as EngineInput.Maintenance)?.Done.TrySetResult(false);
                (input as EngineInput.Stop)?.Done?.TrySetResult(true);
            }

            _engineExited.TrySetResult();
        }
    }

    private void EngineLoop()
    {
        TimeSpan? nextBringUp = Now;
        while (true)
        {
            // Reset before draining: a post that lands after the drain sets the event again, so no wake-up is lost.
            _wake.Reset();
            while (_inputs.TryDequeue(out var input))
            {
                if (Process(input))
                {
                    return;
                }
            }

            if (_machine is null)
            {
                if (Now >= nextBringUp)
                {
                    nextBringUp = TryBringUp() ? null : Now + _linkPollInterval;
                    continue;
                }

                WaitForWork(nextBringUp);
                continue;
            }

            if (_machine.NextTimerDue is { } due && Now >= due)
            {
                var now = Now;
                if (_machine.State == VrrpState.Master && _machine.AdverTimerDue <= now)
                {
                    ObserveLateness(now - _machine.AdverTimerDue!.Value);
                }

                Step(new VrrpEvent.TimerFired(now));
                continue;
            }

            WaitForWork(_machine.NextTimerDue);
        }
    }

    // Sleep until the next timer or the next input. With the real clock the wait is a kernel timed wait on this
    // dedicated thread (no thread-pool timer callback in the advert path); with any other TimeProvider (tests)
    // the provider's timer wakes us, so fake time drives the engine.
    private void WaitForWork(TimeSpan? due)
    {
        _engineWaiting = true;
        try
        {
            if (due is null)
            {
                _timer?.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
                _wake.Wait();
                return;
            }

            var remaining = due.Value - Now;
            if (remaining <= TimeSpan.Zero)
            {
                return;
            }

            if (_systemClock)
            {
                // Round up so we wake at or just after the deadline, never spin before it.
                _wake.Wait((int)Math.Ceiling(remaining.TotalMilliseconds));
                return;
            }

            _timer!.Change(remaining, Timeout.InfiniteTimeSpan);
            if (Now < due.Value)
            {
                _wake.Wait();
            }
        }
        finally
        {
            _engineWaiting = false;
        }
    }

    // Returns true when the engine must exit.
    private bool Process(EngineInput input)
    {
        switch (input)
        {
            case EngineInput.Stop stop:
                if (_machine is not null)
                {
                    Step(new VrrpEvent.Shutdown(Now));
                }

                stop.Done?.TrySetResult(true);
                return true;

            case EngineInput.Maintenance maintenance when _machine is null:
                _pendingMaintenance = maintenance.Enter;
                _status = BuildStatus();
                maintenance.Done.TrySetResult(true);
                return false;

            case EngineInput.Maintenance maintenance:
                Step(maintenance.Enter ? new VrrpEvent.EnterMaintenance(Now) : new VrrpEvent.LeaveMaintenance(Now));
                if (maintenance.Enter && _machine.IsReleasing)
                {
                    _handoverWaiters.Add(maintenance.Done);
                }
                else
                {
                    maintenance.Done.TrySetResult(true);
                }

                return false;

            case EngineInput.Advert advert when _machine is not null:
                Step(new VrrpEvent.AdvertReceived(Now, advert.Advertisement, advert.Source));
                return false;

            case EngineInput.SyncGroup sync when _machine is not null:
                Step(new VrrpEvent.SyncGroupTransition(Now, sync.To, sync.Reason));
                return false;

            case EngineInput.VirtualMacCheck when _machine is not null:
                ReleaseVirtualMacIfIdle();
                return false;

            case EngineInput.Tracking tracking when _machine is not null:
                ApplyTracking(tracking.Priority, tracking.Fault, tracking.Reason);
                return false;

            default:
                return false;
        }
    }

    private void ApplyTracking(byte priority, bool fault, string reason)
    {
        Step(new VrrpEvent.PriorityChanged(Now, priority));
        if (fault && !_machine!.Faulted)
        {
            Step(new VrrpEvent.FaultDetected(Now, reason));
        }
        else if (!fault && _machine!.Faulted)
        {
            Step(new VrrpEvent.FaultCleared(Now));
        }
    }

    private bool TryBringUp()
    {
        _source = _settings.UnicastSource ?? _deps.LinkMonitor.PrimaryAddress(_settings.Interface);
        if (_source is null)
        {
            if (!_bringUpFailed)
            {
                FailoverLog.NoSourceAddress(_logger, Name, Vrid, _settings.Interface);
                _bringUpFailed = true;
                _status = BuildStatus();
            }

            return false;
        }

        if (!PrepareVirtualMac())
        {
            _bringUpFailed = true;
            _status = BuildStatus();
            return false;
        }

        try
        {
            _transport = _settings.SendInterface == _settings.Interface
                ? _deps.TransportFactory.Open(_settings.Interface, _source, joinMulticast: !_settings.Options.IsUnicast)
                : _deps.TransportFactory.Open(_settings.Interface, _source, joinMulticast: !_settings.Options.IsUnicast, _settings.SendInterface);
        }
        catch (Exception ex)
        {
            if (!_bringUpFailed)
            {
                FailoverLog.TransportOpenFailed(_logger, ex, Name, Vrid, _settings.Interface);
                _bringUpFailed = true;
                _status = BuildStatus();
            }

            return false;
        }

        var options = _settings.Options;
        _policy = new VrrpReceivePolicy
        {
            Version = options.Version,
            VirtualRouterId = Vrid,
            AdverInterval = _settings.AdverIntervalRaw,
            AuthType = _settings.AuthType,
            AuthData = _settings.AuthData,
            UnicastPeers = _settings.Peers,
            CheckUnicastSource = options.CheckUnicastSource,
            OwnAddresses = [_source],
            SiblingVirtualRouterIds = _siblingVrids,
        };
        _machine = new VrrpStateMachine(
            new VrrpRouterConfig
            {
                Name = Name,
                Version = options.Version,
                VirtualRouterId = Vrid,
                Priority = (byte)options.Priority,
                AdverInterval = options.AdvertisementInterval,
                PreemptMode = options.Preempt,
                PreemptDelay = options.PreemptDelay,
                PrimaryAddress = _source,
                GarpDelay = _settings.Garp.Delay,
                GarpRefresh = _settings.Garp.Refresh,
                HandoverTimeout = options.EffectiveHandoverTimeout,
            },
            _logger,
            _deps.Metrics);

        var tracking = ComputeTracking();
        _lastTracking = tracking;
        Step(new VrrpEvent.PriorityChanged(Now, tracking.Priority));
        if (tracking.Fault)
        {
            Step(new VrrpEvent.FaultDetected(Now, tracking.Reason));
        }

        if (_pendingMaintenance)
        {
            Step(new VrrpEvent.EnterMaintenance(Now));
        }

        Step(new VrrpEvent.Startup(Now));
        _receiveThread = new Thread(ReceiveMain) { IsBackground = true, Name = $"vrrp-rx-{Name}" };
        _receiveThread.Start();
        return true;
    }

    private void Step(VrrpEvent e)
    {
        var actions = _machine!.Handle(e);
        foreach (var action in actions)
        {
            Execute(action);
        }

        _state = (int)_machine.State;
        _effectivePriority = _machine.EffectivePriority;
        if (_pendingChanges.Count > 0)
        {
            _lastTransitionUtc = _time.GetUtcNow();
        }

        _status = BuildStatus();
        if (!_machine.IsReleasing && _handoverWaiters.Count > 0)
        {
            foreach (var waiter in _handoverWaiters)
            {
                waiter.TrySetResult(true);
            }

            _handoverWaiters.Clear();
        }

        if (_pendingChanges.Count > 0)
        {
            var changes = _pendingChanges.ToArray();
            _pendingChanges.Clear();
            foreach (var change in changes)
            {
                StateChanged?.Invoke(change);
            }
        }
    }

    // On the thread itself: Linux sets a nice value per task (thread).
    private void RaiseThreadPriority(string thread)
    {
        if (_deps.Scheduling is { } scheduling && _deps.ThreadNice != 0
            && !scheduling.TrySetCurrentThreadNice(_deps.ThreadNice, out var error))
        {
            FailoverLog.ThreadNiceFailed(_logger, Name, _deps.ThreadNice, thread, error);
        }
    }

    private void ObserveLateness(TimeSpan late)
    {
        AdvertTimerLateness?.Invoke(late);
        if (late > _settings.Options.AdvertisementInterval / 2 && ShouldLog("advert-late"))
        {
            FailoverLog.AdvertLate(_logger, Name, Vrid, late);
        }
    }
}
