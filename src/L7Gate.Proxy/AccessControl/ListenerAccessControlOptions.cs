namespace L7Gate.Proxy.AccessControl;

/// <summary>
/// The <c>AccessControl</c> section: allow/deny lists per proxy listener, keyed by the listener's local port
/// (<c>{ "Listeners": { "8080": { "Deny": ["192.0.2.0/24"] } } }</c>), checked before any route's own list. A port
/// names the listener as it is bound, whatever its <c>Kestrel:Endpoints</c> name; every address bound on that port
/// shares the list. nginx <c>allow</c>/<c>deny</c> in a <c>server</c> block, HAProxy <c>tcp-request connection
/// reject</c> in a frontend. Reloadable.
/// </summary>
public sealed class ListenerAccessControlOptions
{
    /// <summary>Section name.</summary>
    public const string SectionName = "AccessControl";

    /// <summary>Lists by local port ("8080").</summary>
    public Dictionary<string, AccessControlOptions> Listeners { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}
