namespace L7Gate.Failover.StateMachine;

/// <summary>RFC 5798 §6.1 / RFC 3768 §6.1 timer arithmetic, in TimeSpan ticks (100 ns) to keep sub-millisecond skew.</summary>
public static class VrrpTimers
{
    /// <summary>
    /// Skew_Time. v3 (RFC 5798 §6.1): ((256 − Priority) × Master_Adver_Interval) / 256.
    /// v2 (RFC 3768 §6.1): (256 − Priority) / 256 seconds, whatever the interval.
    /// </summary>
    public static TimeSpan SkewTime(int version, int priority, TimeSpan masterAdverInterval)
    {
        var basis = version == 2 ? TimeSpan.FromSeconds(1) : masterAdverInterval;
        double ticks = (256 - Math.Clamp(priority, 0, 255)) * (double)basis.Ticks / 256.0;
        return TimeSpan.FromTicks((long)Math.Round(ticks));
    }

    /// <summary>Master_Down_Interval = 3 × Master_Adver_Interval + Skew_Time (RFC 5798 §6.1).</summary>
    public static TimeSpan MasterDownInterval(int version, int priority, TimeSpan masterAdverInterval) =>
        (3 * masterAdverInterval) + SkewTime(version, priority, masterAdverInterval);
}
