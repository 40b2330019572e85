using L7Gate.Configuration;
using L7Gate.Failover.Options;
using L7Gate.Failover.Tracking;

namespace L7Gate.Failover;

/// <summary>Host wiring of the keepalived-equivalent failover.</summary>
public static class FailoverHostingExtensions
{
    /// <summary>
    /// The VRRP engine bound to the <c>Failover</c> section, its Linux I/O (raw sockets, rtnetlink, libpcap),
    /// the section's validator in whole-file validation, the proxy-health adapter behind <c>TrackProxy</c>,
    /// and planned handover on shutdown (before Kestrel stops accepting). Without instances it does nothing.
    /// </summary>
    public static WebApplicationBuilder AddL7GateFailover(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddL7GateFailoverEngine(builder.Configuration.GetSection(FailoverOptions.SectionName));
        services.AddL7GateFailoverLinux();
        services.AddConfigSectionValidator<FailoverOptions, FailoverOptionsValidator>(FailoverOptions.SectionName);
        services.AddSingleton<IProxyHealthProbe, ProxyHealthProbe>();
        services.AddHostedService<FailoverShutdownFirst>();
        return builder;
    }
}
