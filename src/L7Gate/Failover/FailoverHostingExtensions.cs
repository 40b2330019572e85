using L7Gate.Configuration;
using L7Gate.Failover.Control;
using L7Gate.Failover.Network;
using L7Gate.Failover.Options;
using L7Gate.Failover.Tracking;

namespace L7Gate.Failover;

/// <summary>Host wiring of the keepalived-equivalent failover.</summary>
public static class FailoverHostingExtensions
{
    /// <summary>
    /// The VRRP engine bound to the <c>Failover</c> section, its Linux I/O (raw sockets, rtnetlink, libpcap),
    /// the section's validator in whole-file validation, the proxy-health adapter behind <c>TrackProxy</c>,
    /// and planned handover on shutdown: before Kestrel stops accepting, VIPs removed after it drained.
    /// Without instances it does nothing.
    /// </summary>
    public static WebApplicationBuilder AddL7GateFailover(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddL7GateFailoverEngine(builder.Configuration.GetSection(FailoverOptions.SectionName));
        services.AddL7GateFailoverLinux();
        DecorateVipManager(services);
        DecorateControl(services);
        services.AddConfigSectionValidator<FailoverOptions, FailoverOptionsValidator>(FailoverOptions.SectionName);
        services.AddSingleton<IProxyHealthProbe, ProxyHealthProbe>();
        services.AddHostedService<FailoverHostLifecycle>();
        return builder;
    }

    // Wraps whichever IVipManager is registered (the rtnetlink one, or a test's fake) so VIP removal can wait
    // for the proxy to drain on shutdown.
    private static void DecorateVipManager(IServiceCollection services)
    {
        var original = services.Last(d => d.ServiceType == typeof(IVipManager));
        services.Remove(original);
        services.AddSingleton(sp => new DrainAwareVipManager(
            Resolve<IVipManager>(sp, original), sp.GetService<IVipArpGuard>(), sp.GetService<ILogger<DrainAwareVipManager>>()));
        services.AddSingleton<IVipManager>(sp => sp.GetRequiredService<DrainAwareVipManager>());
    }

    // The admin API's maintenance hands over with the same VIP drain as a planned stop.
    private static void DecorateControl(IServiceCollection services)
    {
        var original = services.Last(d => d.ServiceType == typeof(IFailoverControl));
        services.Remove(original);
        services.AddSingleton<IFailoverControl>(sp =>
            ActivatorUtilities.CreateInstance<DrainingFailoverControl>(sp, Resolve<IFailoverControl>(sp, original)));
    }

    // The service a removed registration would have given: its instance, its factory's result, or a new one.
    private static T Resolve<T>(IServiceProvider services, ServiceDescriptor descriptor) =>
        (T)(descriptor.ImplementationInstance
            ?? descriptor.ImplementationFactory?.Invoke(services)
            ?? ActivatorUtilities.CreateInstance(services, descriptor.ImplementationType!));
}
