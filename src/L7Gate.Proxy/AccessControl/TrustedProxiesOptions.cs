namespace L7Gate.Proxy.AccessControl;

/// <summary>
/// The <c>TrustedProxies</c> section: the front proxies or cloud load balancers whose <c>X-Forwarded-For</c> and
/// <c>X-Forwarded-Proto</c> are believed (ASP.NET Core's forwarded-headers middleware). From any other peer those
/// headers are ignored, so a client cannot choose its own address. The client address then seen by rate limits,
/// access lists and the access log is the one the trusted proxy reports. nginx <c>set_real_ip_from</c> +
/// <c>real_ip_header X-Forwarded-For</c>, HAProxy <c>http-request set-src hdr(x-forwarded-for) if { src -f lbs.lst }</c>.
/// Read at startup.
/// </summary>
public sealed class TrustedProxiesOptions
{
    /// <summary>Section name.</summary>
    public const string SectionName = "TrustedProxies";

    /// <summary>Networks of trusted proxies (CIDR or single addresses). Empty (the default) = forwarded headers are never believed.</summary>
    public List<string> Networks { get; set; } = [];

    /// <summary>How many proxies deep to look into X-Forwarded-For (each must be trusted). Defaults to 1 (ASP.NET Core's
    /// default; nginx <c>real_ip_recursive off</c>).</summary>
    public int ForwardLimit { get; set; } = 1;
}
