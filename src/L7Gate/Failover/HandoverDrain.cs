using L7Gate.Failover.Options;

namespace L7Gate.Failover;

/// <summary>How long a former master keeps its VIPs and keeps accepting after a planned handover.</summary>
internal static class HandoverDrain
{
    /// <summary>
    /// Two advert intervals of the slowest instance (the peer's gratuitous ARP and first adverts are out by then),
    /// at least 200 ms, at most 2 s.
    /// </summary>
    public static TimeSpan Grace(FailoverOptions options)
    {
        var interval = options.Instances.Values.Select(i => i.AdvertisementInterval).DefaultIfEmpty(TimeSpan.Zero).Max();
        return TimeSpan.FromTicks(Math.Clamp((2 * interval).Ticks, TimeSpan.FromMilliseconds(200).Ticks, TimeSpan.FromSeconds(2).Ticks));
    }
}
