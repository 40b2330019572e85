namespace L7Gate.Failover.Tracking;

/// <summary>
/// keepalived's rise/fall hysteresis: a healthy tracker fails after <c>fall</c> consecutive failures and
/// recovers after <c>rise</c> consecutive successes. Starts healthy (keepalived's default initial state) unless
/// <paramref name="initiallyHealthy"/> is false (keepalived <c>init_fail</c>).
/// </summary>
public sealed class RiseFallCounter(int rise, int fall, bool initiallyHealthy = true)
{
    private int _run;

    /// <summary>The debounced health.</summary>
    public bool IsHealthy { get; private set; } = initiallyHealthy;

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
