using L7Gate.Proxy.Configuration;
using L7Gate.Proxy.Routing;
using L7Gate.Proxy.Routing.Browsers;
using L7Gate.Proxy.Routing.Languages;

namespace Microsoft.AspNetCore.Builder;

/// <summary>The endpoint hook of L7Gate's language and browser routing.</summary>
public static class RoutingConventionBuilderExtensions
{
    /// <summary>
    /// Turns route metadata <c>L7Gate.Languages</c> / <c>L7Gate.Browsers</c> into endpoint metadata
    /// (<see cref="LanguageRouteMetadata"/>, <see cref="BrowserRouteMetadata"/>) that the matcher
    /// policies registered by <c>AddL7GateRouting()</c> act on. Call on the result of
    /// <c>MapReverseProxy(...)</c>; it runs again for every config reload.
    /// </summary>
    public static ReverseProxyConventionBuilder AddL7GateRouteMatchers(this ReverseProxyConventionBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.ConfigureEndpoints(static (endpoint, route) =>
        {
            LanguageRouteMetadata? languages = null;
            BrowserRouteMetadata? browsers = null;
            if (route.Metadata?.TryGetValue(L7GateMetadataKeys.Languages, out var languageList) == true)
            {
                languages = new LanguageRouteMetadata(MetadataList.Split(languageList));
                endpoint.WithMetadata(languages);
            }

            if (route.Metadata?.TryGetValue(L7GateMetadataKeys.Browsers, out var browserList) == true)
            {
                browsers = new BrowserRouteMetadata(MetadataList.Split(browserList));
                endpoint.WithMetadata(browsers);
            }

            // Every route, not only ours: a plain route may be the fallback the policies look for.
            endpoint.WithMetadata(RouteFacts.ForRoute(route, languages, browsers));
        });
    }
}
