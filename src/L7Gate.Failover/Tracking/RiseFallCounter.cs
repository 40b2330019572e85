namespace L7Gate.Failover.Tracking;

/// <summary>
/// keepalived's rise/fall hysteresis: a healthy tracker fails after <c>fall</c> consecutive failures and
/// recovers after <c>rise</c> consecutive successes. Starts healthy (keepalived's default initial state).
/// </summary>
public sealed class RiseFallCounter(int rise, int fall)
{
    private int _run;

    /// <summary>The debounced health.</summary>
    public bool IsHealthy { get; private set; } = true;

    /// <summary>Records one probe result; returns true when <see cref="IsHealthy"/> changed.</summary>
    public bool Record(bool success)
    {
        if (success == IsHealthy)
        {
            _run = 0;
            return false;
        }

        _run++;
        if (_run < (IsHealthy ? fall : rise))
        {
            return false;
        }

        IsHealthy = success;
        _run = 0;
        return true;
    }
}
