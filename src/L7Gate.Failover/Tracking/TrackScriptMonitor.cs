using L7Gate.Failover.Diagnostics;
using L7Gate.Failover.Options;
using Microsoft.Extensions.Logging;

namespace L7Gate.Failover.Tracking;

/// <summary>
/// Runs one track script on its interval for every instance that tracks it (keepalived runs each vrrp_script once,
/// whatever the number of instances), applies rise/fall, and raises <see cref="HealthChanged"/> when the debounced
/// health flips. A run is awaited before the next is scheduled, so there is never more than one in flight; a run
/// longer than the interval delays the next one instead of overlapping it.
/// </summary>
public sealed class TrackScriptMonitor : IAsyncDisposable
{
    private readonly TrackScriptOptions _options;
    private readonly ITrackScriptExecutor _executor;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly RiseFallCounter _counter;
    private readonly CancellationTokenSource _stopping = new();
    private Task _loop = Task.CompletedTask;
    private long _runs;
    private volatile bool _healthy;

    /// <summary>Creates the monitor; nothing runs until <see cref="Start"/>.</summary>
    public TrackScriptMonitor(string name, TrackScriptOptions options, ITrackScriptExecutor executor, TimeProvider timeProvider, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        Name = name;
        _options = options;
        _executor = executor;
        _time = timeProvider;
        _logger = logger;
        _counter = new RiseFallCounter(options.Rise, options.Fall, initiallyHealthy: !options.InitFail);
        _healthy = _counter.IsHealthy;
    }

    /// <summary>Raised (on a thread-pool thread) with the new health when it flips.</summary>
    public event Action<bool>? HealthChanged;

    /// <summary>The script's name under Failover:TrackScripts.</summary>
    public string Name { get; }

    /// <summary>The script's own weight (an instance may override it).</summary>
    public int Weight => _options.Weight;

    /// <summary>The debounced health: healthy at start unless InitFail.</summary>
    public bool IsHealthy
    {
        get => _healthy;
        private set => _healthy = value;
    }

    /// <summary>Completed runs so far.</summary>
    public long Runs => Interlocked.Read(ref _runs);

    /// <summary>Starts the loop: the first run is at once, the next ones one interval after each start.</summary>
    public void Start()
    {
        _loop = Task.Run(() => LoopAsync(_stopping.Token));
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (!_stopping.IsCancellationRequested)
        {
            await _stopping.CancelAsync().ConfigureAwait(false);
        }

        try
        {
            await _loop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        _stopping.Dispose();
    }

    private async Task LoopAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            long started = _time.GetTimestamp();
            TrackScriptResult result;
            try
            {
                result = await _executor.RunAsync(_options, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                FailoverLog.TrackScriptCrashed(_logger, ex, Name);
                result = new TrackScriptResult(false, null, "", ex.Message);
            }

            Interlocked.Increment(ref _runs);
            FailoverLog.TrackScriptRan(_logger, Name, result.ExitCode, result.Error ?? "ok", result.Output);
            if (_counter.Record(result.Success))
            {
                IsHealthy = _counter.IsHealthy;
                if (IsHealthy)
                {
                    FailoverLog.TrackScriptHealthy(_logger, Name, _options.Rise, result.Output);
                }
                else
                {
                    FailoverLog.TrackScriptFailing(_logger, Name, _options.Fall, result.ExitCode, result.Error ?? "failed", result.Output);
                }

                HealthChanged?.Invoke(IsHealthy);
            }

            var wait = _options.Interval - _time.GetElapsedTime(started);
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
