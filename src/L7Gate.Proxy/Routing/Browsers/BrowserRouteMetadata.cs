namespace L7Gate.Proxy.Routing.Browsers;

/// <summary>
/// Endpoint metadata: the route only serves clients classified as any one of <see cref="Browsers"/>
/// (a list means "any of", like YARP header values). Attached from route metadata <c>L7Gate.Browsers</c>.
/// </summary>
public sealed class BrowserRouteMetadata
{
    /// <summary>Creates the metadata from the route's browser names; unknown names are ignored
    /// (the config validator rejects them before they get here).</summary>
    public BrowserRouteMetadata(IEnumerable<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        foreach (var name in names)
        {
            if (BrowserNames.TryParse(name, out var value))
            {
                Browsers |= value;
            }
        }
    }

    /// <summary>The accepted classes, OR-ed.</summary>
    public BrowserClass Browsers { get; }

    /// <summary>
    /// -1 when <paramref name="client"/> is none of <see cref="Browsers"/>; 1 when it matched on a
    /// browser family, 0 on a class only, so that at equal Order a [Chrome] route beats a [Mobile] one.
    /// </summary>
    internal int Match(BrowserClass client) =>
        (client & Browsers & BrowserClass.Families) != 0 ? 1
        : (client & Browsers) != 0 ? 0
        : -1;
}
