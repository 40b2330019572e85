using L7Gate.Proxy.Streams.AccessLog;
using L7Gate.Proxy.Streams.Balancing;
using L7Gate.Proxy.Streams.Configuration;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
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
}
