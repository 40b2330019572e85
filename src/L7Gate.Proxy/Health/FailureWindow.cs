namespace L7Gate.Proxy.Health;

/// <summary>
/// Attempt outcomes of one destination in a sliding window of one-second buckets: how many attempts, how many
/// failed. Not thread-safe; the owner locks it.
/// </summary>
internal sealed class FailureWindow
{
    private readonly Queue<Bucket> _closed = new();
    private Bucket _current = new(long.MinValue, 0, 0);
    private int _total;
    private int _failed;

    /// <summary>Attempts in the window.</summary>
    public int Total => _total;

    /// <summary>Failed share of the attempts in the window, 0 when there are none.</summary>
    public double FailureRate => _total == 0 ? 0 : (double)_failed / _total;

    /// <summary>Adds one outcome at <paramref name="second"/> (whole seconds of a monotonic clock) and forgets outcomes older than <paramref name="window"/>.</summary>
    public void Add(long second, bool failed, TimeSpan window)
    {
        if (second != _current.Second)
        {
            if (_current.Total > 0)
            {
                _closed.Enqueue(_current);
            }

            _current = new Bucket(second, 0, 0);
        }

        var oldest = second - (long)Math.Ceiling(window.TotalSeconds);
        while (_closed.TryPeek(out var head) && head.Second <= oldest)
        {
            _closed.Dequeue();
            _total -= head.Total;
            _failed -= head.Failed;
        }

        var increment = failed ? 1 : 0;
        _current = _current with { Total = _current.Total + 1, Failed = _current.Failed + increment };
        _total++;
        _failed += increment;
    }

    /// <summary>Forgets every outcome: an ejected destination starts afresh when it comes back (as nginx's max_fails count does).</summary>
    public void Clear()
    {
        _closed.Clear();
        _current = new Bucket(long.MinValue, 0, 0);
        _total = 0;
        _failed = 0;
    }

    private readonly record struct Bucket(long Second, int Total, int Failed);
}
