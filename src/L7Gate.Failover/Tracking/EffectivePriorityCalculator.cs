namespace L7Gate.Failover.Tracking;

/// <summary>Combines the configured priority with the trackers (keepalived's effective_priority).</summary>
public static class EffectivePriorityCalculator
{
    /// <summary>
    /// The effective priority and whether the instance is in Fault. A failing weight-0 tracker means Fault.
    /// Negative weights subtract while failing, positive weights add while healthy. Non-owners are clamped to
    /// 1–254 so tracking can neither claim ownership nor signal "leaving"; the owner (255) is not adjusted.
    /// </summary>
    public static (byte Priority, bool Fault) Compute(int configuredPriority, IEnumerable<TrackerState> trackers)
    {
        ArgumentNullException.ThrowIfNull(trackers);
        int priority = configuredPriority;
        bool fault = false;
        foreach (var tracker in trackers)
        {
            if (tracker.Weight == 0)
            {
                fault |= !tracker.Healthy;
            }
            else if (tracker.Weight < 0 && !tracker.Healthy)
            {
                priority += tracker.Weight;
            }
            else if (tracker.Weight > 0 && tracker.Healthy)
            {
                priority += tracker.Weight;
            }
        }

        return configuredPriority >= 255
            ? ((byte)255, fault)
            : ((byte)Math.Clamp(priority, 1, 254), fault);
    }
}
