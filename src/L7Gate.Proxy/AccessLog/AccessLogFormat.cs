namespace L7Gate.Proxy.AccessLog;

/// <summary>How an access-log line is written.</summary>
public enum AccessLogFormat
{
    /// <summary>One JSON object per line (JSON lines): every field, named; for log pipelines (Loki, Elasticsearch, jq).</summary>
    Json,

    /// <summary>
    /// The NCSA combined format of nginx's default <c>log_format combined</c> and Apache's <c>%h %l %u %t "%r" %&gt;s %b
    /// "%{Referer}i" "%{User-agent}i"</c>, so GoAccess, fail2ban and existing parsers read it unchanged.
    /// </summary>
    Combined,
}
