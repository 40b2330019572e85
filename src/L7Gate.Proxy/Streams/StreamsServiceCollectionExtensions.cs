using L7Gate.Proxy.Streams.AccessLog;
using L7Gate.Proxy.Streams.Balancing;
using L7Gate.Proxy.Streams.Configuration;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using L7Gate.Proxy.Streams.Health;
using Yarp.ReverseProxy.Health;
using Yarp.ReverseProxy.LoadBalancing;

namespace L7Gate.Proxy.Streams;

/// <summary>Registration of the L4 listeners' services (the host binds and validates the section).</summary>
public static class StreamsServiceCollectionExtensions
{
    /// <summary>Time Kestrel gets beyond the longest DrainTimeout to finish the stop (the VIP handover runs before).</summary>
    public static readonly TimeSpan ShutdownMargin = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The connection handler, balancing, counters, metrics, the Kestrel endpoints of <c>Streams:Listeners</c>, the
    /// <c>SourceIpHash</c> policy for YARP, and a host shutdown timeout long enough for every listener's DrainTimeout.
    /// </summary>
    public static IServiceCollection AddL7GateStreamsCore(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.TryAddSingleton<StreamMetrics>();
        services.TryAddSingleton<StreamConnectionCounts>();
        services.TryAddSingleton<StreamLoadBalancing>();
        services.TryAddSingleton<StreamAccessLog>();
        services.TryAddSingleton<StreamConnectionHandler>();
        services.TryAddSingleton<StreamListenerEndpoints>();
        services.TryAddSingleton<StreamsUrlsTakeover>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<KestrelServerOptions>, StreamsKestrelSetup>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IStartupFilter, StreamsUrlsStartupFilter>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ILoadBalancingPolicy, SourceIpHashLoadBalancingPolicy>());
        AddProbeKinds(services);
        services.AddOptions<HostOptions>().PostConfigure<IOptions<StreamsOptions>>((host, streams) =>
        {
            var drain = streams.Value.Listeners.Values.Select(l => l.DrainTimeout).DefaultIfEmpty(TimeSpan.Zero).Max();
            if (drain > TimeSpan.Zero && host.ShutdownTimeout < drain + ShutdownMargin)
            {
                host.ShutdownTimeout = drain + ShutdownMargin;
            }
        });
        return services;
    }

    /// <summary>
    /// The TcpConnect and TlsHandshake active health kinds on YARP's active monitor: the probe-request factory wraps
    /// YARP's, and YARP's ConsecutiveFailures policy is wrapped under its own name and the two new ones (each counts
    /// its probes, then YARP judges them). Needs AddReverseProxy first; without it nothing changes.
    /// </summary>
    private static void AddProbeKinds(IServiceCollection services)
    {
        var factory = services.LastOrDefault(d => d.ServiceType == typeof(IProbingRequestFactory));
        var policy = services.LastOrDefault(d => d.ServiceType == typeof(IActiveHealthCheckPolicy) && d.ImplementationType?.Name == "ConsecutiveFailuresHealthPolicy");
        if (factory is null || policy?.ImplementationType is not { } policyType || services.Any(d => d.ServiceType == typeof(StreamProber)))
        {
            return;
        }

        services.AddSingleton<StreamProber>();
        services.Remove(factory);
        services.AddSingleton<IProbingRequestFactory>(sp => new StreamProbingRequestFactory(Create<IProbingRequestFactory>(sp, factory), sp.GetRequiredService<StreamProber>()));

        services.Remove(policy);
        services.AddSingleton(sp => new YarpConsecutiveFailures((IActiveHealthCheckPolicy)ActivatorUtilities.CreateInstance(sp, policyType)));
        foreach (var name in StreamProbeKinds.All)
        {
            services.AddSingleton<IActiveHealthCheckPolicy>(sp =>
                new CountingActiveHealthPolicy(name, sp.GetRequiredService<YarpConsecutiveFailures>().Policy, sp.GetRequiredService<StreamMetrics>()));
        }
    }

    private static T Create<T>(IServiceProvider services, ServiceDescriptor descriptor) where T : class =>
        descriptor.ImplementationInstance as T
        ?? (descriptor.ImplementationFactory is { } make ? (T)make(services) : (T)ActivatorUtilities.CreateInstance(services, descriptor.ImplementationType!));

    /// <summary>YARP's own ConsecutiveFailures policy, once, shared by every kind (its failure counters are per destination).</summary>
    private sealed record YarpConsecutiveFailures(IActiveHealthCheckPolicy Policy);
}
