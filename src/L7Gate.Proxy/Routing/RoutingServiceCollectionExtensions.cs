using FluentValidation;
using L7Gate.Proxy.Configuration;
using L7Gate.Proxy.Diagnostics;
using L7Gate.Proxy.Routing.Browsers;
using L7Gate.Proxy.Routing.Dfa;
using L7Gate.Proxy.Routing.Headers;
using L7Gate.Proxy.Routing.Languages;
using L7Gate.Proxy.Routing.Validation;
using L7Gate.Proxy.Routing.Vary;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Yarp.ReverseProxy.Transforms.Builder;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registration of L7Gate's language and browser routing.</summary>
public static class RoutingServiceCollectionExtensions
{
    /// <summary>
    /// Registers the Accept-Language and browser matcher policies, the Vary transform, the browser
    /// classifier and the <see cref="IValidator{T}"/> of <see cref="RouteMatchExtensions"/> that the
    /// config loader runs on every route.
    /// Pair it with <c>MapReverseProxy().AddL7GateRouteMatchers()</c>, which attaches route metadata
    /// to the endpoints the policies look at. Idempotent.
    /// </summary>
    public static IServiceCollection AddL7GateRouting(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddMetrics();
        services.TryAddSingleton<ProxyMetrics>();
        services.TryAddSingleton<BrowserClassifier>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidator<RouteMatchExtensions>, RouteMatchExtensionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<MatcherPolicy, LanguageMatcherPolicy>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<MatcherPolicy, BrowserMatcherPolicy>());

        // The same decisions built into ASP.NET Core's DFA, so a request only brings the candidates that
        // can win to the selector policies above (routing cost independent of the number of routes).
        services.TryAddSingleton<PruningBudget>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<MatcherPolicy, HeaderNodePolicy>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<MatcherPolicy, LanguageNodePolicy>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<MatcherPolicy, BrowserNodePolicy>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ITransformProvider, RoutingVaryTransformProvider>());
        return services;
    }
}
