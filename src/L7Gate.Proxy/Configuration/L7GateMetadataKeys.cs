namespace L7Gate.Proxy.Configuration;

/// <summary>
/// Route and cluster metadata keys that carry L7Gate's own config keys to YARP. The config loader fills them
/// from the L7Gate keys of the ReverseProxy section so every customisation reads plain YARP metadata.
/// </summary>
public static class L7GateMetadataKeys
{
    /// <summary>Route: comma-separated language tags from <c>Match.Languages</c> ("zh-CN,zh").</summary>
    public const string Languages = "L7Gate.Languages";

    /// <summary>Route: comma-separated browser families/classes from <c>Match.Browsers</c> ("Edge,Mobile").</summary>
    public const string Browsers = "L7Gate.Browsers";

    /// <summary>Cluster: <c>Retry.MaxAttempts</c>.</summary>
    public const string RetryMaxAttempts = "L7Gate.Retry.MaxAttempts";

    /// <summary>Cluster: comma-separated <c>Retry.OnStatusCodes</c>.</summary>
    public const string RetryOnStatusCodes = "L7Gate.Retry.OnStatusCodes";

    /// <summary>Cluster: TCP connect timeout to a destination (TimeSpan, "00:00:02"); YARP's own default is 15 s.</summary>
    public const string ConnectTimeout = "L7Gate.ConnectTimeout";

    /// <summary>Route: "false" when the route's requests are left out of the access log (route key <c>AccessLog.Enabled</c>).</summary>
    public const string AccessLogEnabled = "L7Gate.AccessLog.Enabled";

    /// <summary>Route: comma-separated CIDR networks allowed (route key <c>AccessControl.Allow</c>).</summary>
    public const string AccessControlAllow = "L7Gate.AccessControl.Allow";

    /// <summary>Route: comma-separated CIDR networks denied (route key <c>AccessControl.Deny</c>).</summary>
    public const string AccessControlDeny = "L7Gate.AccessControl.Deny";
}
