namespace L7Gate.Failover.Control;

/// <summary>How long the two sides of a planned handover overlap.</summary>
public static class HandoverGrace
{
    /// <summary>
    /// Two advert intervals (the new master's gratuitous ARP and first adverts are out by then), at least 200 ms, at
    /// most 2 s. The former master keeps its VIPs this long after the new master took over (for the slowest of its
    /// instances); the new master forwards stragglers to it for its own instance's grace, which is never longer.
    /// </summary>
    public static TimeSpan For(TimeSpan advertisementInterval) =>
        TimeSpan.FromTicks(Math.Clamp((2 * advertisementInterval).Ticks, TimeSpan.FromMilliseconds(200).Ticks, TimeSpan.FromSeconds(2).Ticks));
}
