using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace L7Gate.Proxy.Routing.Vary;

/// <summary>
/// Per-request record, set by the matcher policies, of which headers chose the route. It is set for
/// the fallback too whenever a language/browser route was a candidate: a cache must not serve the
/// fallback's response to a client whose headers would have picked another route.
/// One immutable instance per combination, so setting it allocates nothing.
/// </summary>
public sealed class RoutingVaryFeature
{
    private static readonly RoutingVaryFeature[] Instances =
    [
        new(RoutingVary.None),
        new(RoutingVary.AcceptLanguage),
        new(RoutingVary.UserAgent),
        new(RoutingVary.AcceptLanguage | RoutingVary.UserAgent),
    ];

    private RoutingVaryFeature(RoutingVary headers)
    {
        Headers = headers;
        Tokens = headers switch
        {
            RoutingVary.None => [],
            RoutingVary.AcceptLanguage => ["Accept-Language"],
            RoutingVary.UserAgent => ["User-Agent", "Sec-CH-UA", "Sec-CH-UA-Mobile"],
            _ => ["Accept-Language", "User-Agent", "Sec-CH-UA", "Sec-CH-UA-Mobile"],
        };
        Value = string.Join(", ", Tokens);
    }

    /// <summary>The tokens as one <c>Vary</c> value, for a response that has none of its own.</summary>
    public StringValues Value { get; }

    /// <summary>The headers the routing decision depended on.</summary>
    public RoutingVary Headers { get; }

    /// <summary>The header names to add to <c>Vary</c>.</summary>
    public IReadOnlyList<string> Tokens { get; }

    /// <summary>Adds <paramref name="headers"/> to the request's record.</summary>
    public static void Add(HttpContext httpContext, RoutingVary headers)
    {
        var current = httpContext.Features.Get<RoutingVaryFeature>()?.Headers ?? RoutingVary.None;
        httpContext.Features.Set(Instances[(int)(current | headers)]);
    }
}
