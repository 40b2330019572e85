namespace L7Gate.Proxy.AccessLog;

/// <summary>When an access-log file is rolled over to a new one by time (size rolls independently).</summary>
public enum AccessLogRolling
{
    /// <summary>Only by size.</summary>
    None,

    /// <summary>A new file every hour.</summary>
    Hour,

    /// <summary>A new file every day (logrotate's <c>daily</c>).</summary>
    Day,

    /// <summary>A new file every month.</summary>
    Month,
}
