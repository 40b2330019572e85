using L7Gate.Proxy.Configuration;
using L7Gate.Proxy.Diagnostics;
using L7Gate.Proxy.Forwarding;
using L7Gate.Proxy.Health;
using L7Gate.Proxy.Retry;
using L7Gate.Proxy.Warmup;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Health;
using Yarp.ReverseProxy.Transforms.Builder;

namespace L7Gate.Proxy;

/// <summary>Registers and maps L7Gate's proxy: YARP fed by validated config, retries, health, admin states.</summary>
public static class ProxyHostingExtensions
{
    /// <summary>
    /// Adds YARP with L7Gate's customisations. YARP's config comes from <see cref="ValidatedProxyConfigProvider"/>,
    /// which the host's config lifecycle fills after validation (see <c>AddL7GateConfiguration</c>).
    /// </summary>
    public static IHostApplicationBuilder AddL7GateProxy(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddReverseProxy();
        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.TryAddSingleton<ValidatedProxyConfigProvider>();
        services.TryAddSingleton<IProxyConfigProvider>(sp => sp.GetRequiredService<ValidatedProxyConfigProvider>());
        services.TryAddSingleton<ProxyConfigLoader>();
        services.TryAddSingleton<ProxyMetrics>();
        services.TryAddSingleton<IDestinationAdminStates, DestinationAdminStates>();
        services.AddSingleton<IAvailableDestinationsPolicy, L7GateAvailableDestinationsPolicy>();
        services.AddSingleton<ITransformProvider, RetryStatusTransformProvider>();
        services.Replace(ServiceDescriptor.Singleton<IForwarderHttpClientFactory, L7GateForwarderHttpClientFactory>());
        services.AddProblemDetails();
        services.AddL7GateWarmup();
        return builder;
    }

    /// <summary>
    /// Maps the proxy. The pipeline is YARP's default one with the retry step around load balancing, so every
    /// attempt re-picks among the destinations not yet tried and passive health sees each attempt's outcome.
    /// </summary>
    public static ReverseProxyConventionBuilder MapL7GateProxy(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapReverseProxy(pipeline =>
        {
            pipeline.UseL7GateWarmup();
            pipeline.UseMiddleware<RetryMiddleware>();
            pipeline.UseSessionAffinity();
            pipeline.UseLoadBalancing();
            pipeline.UsePassiveHealthChecks();
        });
}
