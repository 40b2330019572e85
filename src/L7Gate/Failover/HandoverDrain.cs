using L7Gate.Failover.Control;
using L7Gate.Failover.Options;

namespace L7Gate.Failover;

/// <summary>How long a former master keeps its VIPs and keeps accepting after a planned handover.</summary>
internal static class HandoverDrain
{
    /// <summary>The <see cref="HandoverGrace"/> of the slowest instance.</summary>
    public static TimeSpan Grace(FailoverOptions options) =>
        HandoverGrace.For(options.Instances.Values.Select(i => i.AdvertisementInterval).DefaultIfEmpty(TimeSpan.Zero).Max());
}
