using L7Gate.Proxy.AccessControl;
using L7Gate.Proxy.AccessLog;
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

        // L7Gate's TransportFailureRate replaces YARP's under the same name (see TransportFailurePolicy for why).
        foreach (var yarpPolicy in services.Where(d => d.ServiceType == typeof(IPassiveHealthCheckPolicy)
            && d.ImplementationType?.Name == "TransportFailureRateHealthPolicy").ToList())
        {
            services.Remove(yarpPolicy);
        }

        services.AddSingleton<IPassiveHealthCheckPolicy, TransportFailurePolicy>();
        services.AddSingleton<ITransformProvider, RetryStatusTransformProvider>();
        services.AddSingleton<ITransformProvider, ForwardingTransformProvider>();
        services.AddOptions<ForwardingOptions>().BindConfiguration(ForwardingOptions.SectionName);
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
            pipeline.UseMiddleware<TraceRefusalMiddleware>();
            pipeline.UseMiddleware<RetryMiddleware>();
            pipeline.UseMiddleware<AccessLogAttemptMiddleware>();
            pipeline.UseSessionAffinity();
            pipeline.UseLoadBalancing();
            pipeline.UsePassiveHealthChecks();
        }).ConfigureEndpoints(static (endpoint, route) =>
        {
            // A route's AccessControl lists, parsed once per config load (the loader validated them).
            if (route.Metadata is { } metadata
                && (metadata.TryGetValue(L7GateMetadataKeys.AccessControlAllow, out var allow) | metadata.TryGetValue(L7GateMetadataKeys.AccessControlDeny, out var deny)))
            {
                endpoint.WithMetadata(new AccessRule(new AccessControlOptions
                {
                    Allow = [.. Split(allow)],
                    Deny = [.. Split(deny)],
                }));
            }
        });

    private static string[] Split(string? list) =>
        string.IsNullOrEmpty(list) ? [] : list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
