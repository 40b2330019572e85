using L7Gate.Failover.Options;
using L7Gate.Failover.Tracking;

namespace L7Gate.Failover.Tests.Fakes;

/// <summary>A track-script executor whose result the test sets; <see cref="Hold"/> keeps a run in flight until released.</summary>
internal sealed class FakeTrackScriptExecutor : ITrackScriptExecutor
{
    private int _inFlight;
    private int _calls;
    private int _maxInFlight;

    public volatile bool Succeed = true;

    public TaskCompletionSource? Hold { get; set; }

    public int Calls => Volatile.Read(ref _calls);

    public int MaxInFlight => Volatile.Read(ref _maxInFlight);

    public async Task<TrackScriptResult> RunAsync(TrackScriptOptions script, CancellationToken cancellationToken)
    {
        int now = Interlocked.Increment(ref _inFlight);
        InterlockedMax(ref _maxInFlight, now);
        Interlocked.Increment(ref _calls);
        try
        {
            if (Hold is { } hold)
            {
                await hold.Task.WaitAsync(cancellationToken);
            }

            return Succeed ? new TrackScriptResult(true, 0, "ok", null) : new TrackScriptResult(false, 1, "down", null);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}
