namespace L7Gate.Proxy.AccessControl;

/// <summary>
/// An allow/deny list of client networks (a route's <c>AccessControl</c> key, or one listener's entry in the
/// <c>AccessControl:Listeners</c> section). Deny wins over Allow; without an Allow list every client not denied is
/// let in. nginx <c>allow</c>/<c>deny</c> (which instead stop at the first match), HAProxy
/// <c>http-request deny if !{ src -f allow.lst }</c>.
/// </summary>
public sealed class AccessControlOptions
{
    /// <summary>Networks let in ("192.0.2.0/24", "2001:db8::/32", or a single address); null or empty = everyone not denied.</summary>
    public List<string>? Allow { get; set; }

    /// <summary>Networks refused with 403, whatever Allow says.</summary>
    public List<string>? Deny { get; set; }
}
