namespace L7Gate.Proxy.AccessLog;

/// <summary>
/// The <c>AccessLog</c> section: one line per request on the proxy listeners (nginx <c>access_log</c>/<c>log_format</c>,
/// HAProxy <c>option httplog</c>/<c>log-format</c>). Lines are queued in memory and written by a background writer,
/// so a slow disk or a blocked stdout costs dropped lines (counted in <c>l7gate.accesslog.dropped</c>), never latency.
/// </summary>
public sealed class AccessLogOptions
{
    /// <summary>Section name.</summary>
    public const string SectionName = "AccessLog";

    /// <summary>Whether lines are written at all. Defaults to false in code (the shipped example configs turn it on);
    /// nginx logs by default, HAProxy only with <c>option httplog</c> and a <c>log</c> target. Reloadable.</summary>
    public bool Enabled { get; set; }

    /// <summary>Line format. Defaults to <see cref="AccessLogFormat.Json"/>. Read at startup.</summary>
    public AccessLogFormat Format { get; set; } = AccessLogFormat.Json;

    /// <summary>File to write to; null writes to stdout (containers). Read at startup.</summary>
    public string? Path { get; set; }

    /// <summary>Roll the file over by time. Defaults to <see cref="AccessLogRolling.Day"/> (logrotate <c>daily</c>).</summary>
    public AccessLogRolling RollingInterval { get; set; } = AccessLogRolling.Day;

    /// <summary>Roll the file over when it reaches this size. Defaults to 100 MiB (logrotate <c>maxsize 100M</c>); null = no size limit.</summary>
    public long? FileSizeLimitBytes { get; set; } = 100L * 1024 * 1024;

    /// <summary>Rolled files kept; older ones are deleted. Defaults to 7 (logrotate <c>rotate 7</c>); null keeps all.</summary>
    public int? RetainedFileCount { get; set; } = 7;

    /// <summary>
    /// Lines held in memory waiting for the writer; when full, new lines are dropped and counted. Defaults to 8192
    /// (comparable to nginx's <c>access_log ... buffer=</c> holding a few hundred KB).
    /// </summary>
    public int QueueSize { get; set; } = 8192;

    /// <summary>How often buffered file output is flushed to disk at the latest. Defaults to 1 s (nginx <c>flush=1s</c>).</summary>
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromSeconds(1);
}
