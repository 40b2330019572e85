namespace L7Gate.Failover.Options;

/// <summary>Tracks the gateway's own proxy health (keepalived <c>vrrp_script</c> + <c>track_script</c>, in process).</summary>
public sealed class TrackProxyOptions
{
    /// <summary>−253–253. 0: unhealthy → Fault; negative: subtracted while unhealthy; positive: added while healthy.</summary>
    public int Weight { get; set; } // keepalived default: 0 (Fault)

    /// <summary>Consecutive successes before a failed proxy counts as healthy again, 1–100.</summary>
    public int Rise { get; set; } = 1; // keepalived default

    /// <summary>Consecutive failures before a healthy proxy counts as failed, 1–100.</summary>
    public int Fall { get; set; } = 1; // keepalived default

    /// <summary>Probe period, 10 ms–1 h.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(1); // keepalived default

    /// <summary>
    /// Clusters (ReverseProxy cluster ids) that must each have an available destination for the proxy to count as
    /// healthy; empty = every configured cluster. The host's probe checks the union over all instances.
    /// </summary>
    public List<string> Clusters { get; set; } = [];

    /// <summary>A probe slower than this counts as a failure; at most <see cref="Interval"/>. Default: the interval.</summary>
    public TimeSpan? Timeout { get; set; }
}
