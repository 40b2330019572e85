namespace L7Gate.Failover.Options;

/// <summary>
/// A health-check command run periodically (keepalived <c>vrrp_script</c>): exit code 0 = healthy. It is run directly,
/// without a shell (keepalived also execs the script's words); to use shell syntax, make <see cref="Path"/>
/// <c>/bin/sh</c> and pass <c>-c</c> and the command line as <see cref="Arguments"/>. It runs only while at least one
/// instance tracks it, once per interval for all of them, and never twice at the same time.
/// </summary>
public sealed class TrackScriptOptions
{
    /// <summary>Absolute path of the executable (keepalived <c>script</c>, its first word). Required.</summary>
    public string Path { get; set; } = "";

    /// <summary>Arguments, one per entry, passed as they are (keepalived <c>script</c>, the remaining words).</summary>
    public List<string> Arguments { get; set; } = [];

    /// <summary>Time between the starts of two runs, 10 ms–1 h (keepalived <c>interval</c>). A run still going when the next is due delays it.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(1); // keepalived default interval 1

    /// <summary>A run still going after this is killed, with its whole process tree, and counts as a failure (keepalived <c>timeout</c>). Default: the interval.</summary>
    public TimeSpan? Timeout { get; set; }

    /// <summary>Consecutive successes before a failed script counts as healthy again, 1–100 (keepalived <c>rise</c>).</summary>
    public int Rise { get; set; } = 1; // keepalived default

    /// <summary>Consecutive failures before a healthy script counts as failed, 1–100 (keepalived <c>fall</c>).</summary>
    public int Fall { get; set; } = 1; // keepalived default

    /// <summary>−253–253 (keepalived <c>weight</c>). 0: failing → Fault; negative: subtracted while failing; positive: added while healthy. An instance may override it.</summary>
    public int Weight { get; set; } // keepalived 2.x default: 0 (Fault)

    /// <summary>Start in the failed state until the first <see cref="Rise"/> successes (keepalived <c>init_fail</c>). Default false: starts healthy.</summary>
    public bool InitFail { get; set; }

    /// <summary>Run as this user (keepalived <c>user</c>); default: the gateway's own user. Needs root to switch.</summary>
    public string? User { get; set; }

    /// <summary>The timeout in effect.</summary>
    public TimeSpan EffectiveTimeout => Timeout ?? Interval;
}
