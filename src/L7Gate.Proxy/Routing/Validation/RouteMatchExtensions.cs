using Microsoft.Extensions.Configuration;
using Yarp.ReverseProxy.Configuration;

namespace L7Gate.Proxy.Routing.Validation;

/// <summary>
/// L7Gate's additions to one YARP route's <c>Match</c>: <c>Languages</c> and <c>Browsers</c>
/// (spec §4–5). Null means the key is absent; an empty list is an error.
/// </summary>
/// <param name="RouteId">The route's id (its key under <c>ReverseProxy:Routes</c>).</param>
/// <param name="Languages">Language tags or <c>*</c>, from <c>Match:Languages</c>.</param>
/// <param name="Browsers">Browser names, from <c>Match:Browsers</c>.</param>
public sealed record RouteMatchExtensions(string RouteId, IReadOnlyList<string>? Languages, IReadOnlyList<string>? Browsers)
{
    /// <summary>True when the route uses neither key.</summary>
    public bool IsEmpty => Languages is null && Browsers is null;

    /// <summary>
    /// Reads the keys from one route's configuration section (<c>ReverseProxy:Routes:{id}</c>).
    /// Both the JSON array form and a single comma-separated string are accepted.
    /// </summary>
    public static RouteMatchExtensions FromConfiguration(IConfigurationSection route)
    {
        ArgumentNullException.ThrowIfNull(route);
        return new RouteMatchExtensions(
            route.Key,
            ReadList(route.GetSection("Match:Languages")),
            ReadList(route.GetSection("Match:Browsers")));
    }

    /// <summary>Reads the keys back from a route's metadata (<see cref="RouteMetadataKeys"/>).</summary>
    public static RouteMatchExtensions FromMetadata(RouteConfig route)
    {
        ArgumentNullException.ThrowIfNull(route);
        string? languages = null, browsers = null;
        route.Metadata?.TryGetValue(RouteMetadataKeys.Languages, out languages);
        route.Metadata?.TryGetValue(RouteMetadataKeys.Browsers, out browsers);
        return new RouteMatchExtensions(
            route.RouteId,
            languages is null ? null : RouteMetadataKeys.SplitList(languages),
            browsers is null ? null : RouteMetadataKeys.SplitList(browsers));
    }

    /// <summary>
    /// Returns <paramref name="route"/> with these keys written into its metadata
    /// (<see cref="RouteMetadataKeys.Languages"/>, <see cref="RouteMetadataKeys.Browsers"/>),
    /// keeping its other metadata. Absent keys are removed.
    /// </summary>
    public RouteConfig ApplyTo(RouteConfig route)
    {
        ArgumentNullException.ThrowIfNull(route);
        var metadata = route.Metadata is null
            ? new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
            : new Dictionary<string, string>(route.Metadata, StringComparer.OrdinalIgnoreCase);
        Set(metadata, RouteMetadataKeys.Languages, Languages);
        Set(metadata, RouteMetadataKeys.Browsers, Browsers);
        return route with { Metadata = metadata };
    }

    private static void Set(Dictionary<string, string> metadata, string key, IReadOnlyList<string>? values)
    {
        if (values is null)
        {
            metadata.Remove(key);
        }
        else
        {
            metadata[key] = string.Join(',', values.Select(static v => v.Trim()));
        }
    }

    private static string[]? ReadList(IConfigurationSection section)
    {
        var children = section.GetChildren().ToList();
        if (children.Count > 0)
        {
            // Array indexes come back as keys "0", "1", ...; keep the file's order.
            return children
                .OrderBy(static c => int.TryParse(c.Key, out var n) ? n : int.MaxValue)
                .Select(static c => c.Value ?? string.Empty)
                .ToArray();
        }

        return section.Value is null ? null : section.Value.Split(',', StringSplitOptions.TrimEntries);
    }
}
