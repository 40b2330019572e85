namespace L7Gate.Failover.Options;

/// <summary>Notify scripts (absolute paths). They run detached; the engine never waits for them.</summary>
public sealed class VrrpNotifyOptions
{
    /// <summary>Run on becoming MASTER (keepalived <c>notify_master</c>), no arguments.</summary>
    public string? Master { get; set; }

    /// <summary>Run on becoming BACKUP (keepalived <c>notify_backup</c>), no arguments.</summary>
    public string? Backup { get; set; }

    /// <summary>Run on entering FAULT (keepalived <c>notify_fault</c>), no arguments.</summary>
    public string? Fault { get; set; }

    /// <summary>Run when the instance stops (keepalived <c>notify_stop</c>), no arguments.</summary>
    public string? Stop { get; set; }

    /// <summary>Run on every change with <c>INSTANCE &lt;name&gt; &lt;STATE&gt; &lt;priority&gt;</c> (keepalived <c>notify</c>).</summary>
    public string? Any { get; set; }

    /// <summary>A script still running after this is killed.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
}
