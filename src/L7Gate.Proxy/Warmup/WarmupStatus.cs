namespace L7Gate.Proxy.Warmup;

/// <summary>What the warm-up did, for the admin status and the tests that check it never reached a real backend.</summary>
public sealed class WarmupStatus
{
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Requests sent.</summary>
    public int Requests { get; private set; }

    /// <summary>Requests the sink did not answer with 200.</summary>
    public int Failures { get; private set; }

    /// <summary>How long it took.</summary>
    public TimeSpan Elapsed { get; private set; }

    /// <summary>Why it did not run, if it did not.</summary>
    public string? SkippedBecause { get; private set; }

    /// <summary>Completes when the warm-up has finished or was skipped.</summary>
    public Task Done => _done.Task;

    internal void Complete(int requests, int failures, TimeSpan elapsed)
    {
        (Requests, Failures, Elapsed) = (requests, failures, elapsed);
        _done.TrySetResult();
    }

    internal void Skip(string reason)
    {
        SkippedBecause = reason;
        _done.TrySetResult();
    }
}
