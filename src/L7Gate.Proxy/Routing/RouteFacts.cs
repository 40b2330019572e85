using System.Collections.Concurrent;
using System.Text;
using L7Gate.Proxy.Routing.Browsers;
using L7Gate.Proxy.Routing.Languages;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Yarp.ReverseProxy.Configuration;

namespace L7Gate.Proxy.Routing;

/// <summary>
/// What the policies need to know about an endpoint on every request, computed once when YARP builds
/// the endpoint (<c>AddL7GateRouteMatchers</c> attaches it to every route) so that a request costs one
/// metadata lookup per candidate and integer compares, not record comparisons.
/// </summary>
internal sealed class RouteFacts
{
    // Equal match keys are interned to one instance so that comparing them per request is a
    // reference compare; the table is bounded (cleared when full, which only costs speed).
    private const int MaxInterned = 10_000;
    private static readonly ConcurrentDictionary<string, string> Interned = new(StringComparer.Ordinal);

    private static long _sequence;

    private readonly string? _matchKey;

    private RouteFacts(
        LanguageRouteMetadata? languages,
        BrowserRouteMetadata? browsers,
        string? matchKey,
        bool fromRoute = false,
        bool hasSelectorCriteria = false,
        IReadOnlyList<ExactHeaderCriterion>? exactHeaders = null)
    {
        Languages = languages;
        Browsers = browsers;
        _matchKey = matchKey;
        FromRoute = fromRoute;
        HasSelectorCriteria = hasSelectorCriteria;
        ExactHeaders = exactHeaders ?? [];
    }

    public LanguageRouteMetadata? Languages { get; }

    public BrowserRouteMetadata? Browsers { get; }

    /// <summary>Built from the YARP route (<see cref="ForRoute"/>), so the flags below are known.</summary>
    public bool FromRoute { get; }

    /// <summary>
    /// The route has YARP header or query criteria, which YARP checks per candidate after the DFA: whether
    /// such a route is still a candidate is only known then, so the node policies do not prune on it.
    /// </summary>
    public bool HasSelectorCriteria { get; }

    /// <summary>The route's <c>ExactHeader</c> header criteria, which <c>HeaderNodePolicy</c> turns into DFA edges.</summary>
    public IReadOnlyList<ExactHeaderCriterion> ExactHeaders { get; }

    /// <summary>
    /// Increases with every route the endpoint hook sees. Among routes of one match that the DFA ranks equal
    /// and the policy scores equal (duplicates), the node policies keep the lowest, so the choice is fixed.
    /// </summary>
    public long Sequence { get; private init; }

    /// <summary>The canonical text of the route's <c>Match</c> (see <see cref="MatchKey(RouteMatch)"/>); interned.</summary>
    public string? Key => _matchKey;

    public static RouteFacts ForRoute(RouteConfig route, LanguageRouteMetadata? languages, BrowserRouteMetadata? browsers)
    {
        var headers = route.Match.Headers ?? [];
        var exact = headers
            .Where(static h => h.Mode == HeaderMatchMode.ExactHeader && h.Values is { Count: > 0 })
            .Select(static h => new ExactHeaderCriterion(h.Name, [.. h.Values!]))
            .ToArray();
        var selectorCriteria = headers.Count > 0 || route.Match.QueryParameters is { Count: > 0 };
        return new(languages, browsers, Intern(MatchKey(route.Match)), fromRoute: true, selectorCriteria, exact)
        {
            Sequence = Interlocked.Increment(ref _sequence),
        };
    }

    /// <summary>The endpoint's facts; endpoints the hook did not see (not YARP routes) compare by path pattern.</summary>
    public static RouteFacts Of(Endpoint endpoint) =>
        endpoint.Metadata.GetMetadata<RouteFacts>()
        ?? new RouteFacts(
            endpoint.Metadata.GetMetadata<LanguageRouteMetadata>(),
            endpoint.Metadata.GetMetadata<BrowserRouteMetadata>(),
            (endpoint as RouteEndpoint)?.RoutePattern.RawText?.ToUpperInvariant());

    /// <summary>Neither Languages nor Browsers: the kind of route that can be a fallback.</summary>
    public bool IsPlain => Languages is null && Browsers is null;

    public bool Has(RoutingPolicyKind kind) => kind == RoutingPolicyKind.Language ? Languages is not null : Browsers is not null;

    /// <summary>
    /// Same YARP <c>Match</c>: path, hosts, methods, headers and query parameters (Languages and
    /// Browsers live in metadata, outside it).
    /// </summary>
    public bool SameMatch(RouteFacts other) =>
        _matchKey is not null && (ReferenceEquals(_matchKey, other._matchKey) || string.Equals(_matchKey, other._matchKey, StringComparison.Ordinal));

    /// <summary>
    /// A canonical text of a RouteMatch, equal for equal criteria: YARP compares path, hosts and
    /// methods case-insensitively, so they are upper-cased; header/query values keep their case
    /// (stricter than needed only when a config spells the same value two ways).
    /// </summary>
    internal static string MatchKey(RouteMatch match)
    {
        var key = new StringBuilder();
        key.Append(match.Path?.ToUpperInvariant()).Append('\n');
        Append(key, "H", match.Hosts, upper: true);
        Append(key, "M", match.Methods, upper: true);
        foreach (var header in match.Headers ?? [])
        {
            key.Append("h:").Append(header.Name.ToUpperInvariant()).Append(':').Append(header.Mode).Append(':').Append(header.IsCaseSensitive);
            Append(key, string.Empty, header.Values, upper: false);
        }

        foreach (var query in match.QueryParameters ?? [])
        {
            key.Append("q:").Append(query.Name.ToUpperInvariant()).Append(':').Append(query.Mode).Append(':').Append(query.IsCaseSensitive);
            Append(key, string.Empty, query.Values, upper: false);
        }

        return key.ToString();
    }

    private static void Append(StringBuilder key, string tag, IReadOnlyList<string>? values, bool upper)
    {
        key.Append(tag).Append('[');
        foreach (var value in values ?? [])
        {
            key.Append(upper ? value.ToUpperInvariant() : value).Append('\u001f');
        }

        key.Append("]\n");
    }

    private static string Intern(string key)
    {
        if (Interned.Count >= MaxInterned)
        {
            Interned.Clear();
        }

        return Interned.GetOrAdd(key, key);
    }
}
