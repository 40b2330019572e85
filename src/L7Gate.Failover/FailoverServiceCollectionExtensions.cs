using FluentValidation;
using L7Gate.Failover.Control;
using L7Gate.Failover.Diagnostics;
using L7Gate.Failover.Notify;
using L7Gate.Failover.Options;
using L7Gate.Failover.Tracking;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registration of the failover engine.</summary>
public static class FailoverServiceCollectionExtensions
{
    /// <summary>
    /// Registers the VRRP engine: <see cref="FailoverOptions"/> bound lazily from <paramref name="failoverSection"/>
    /// and validated on start, <see cref="FailoverOptionsValidator"/> as <c>IValidator&lt;FailoverOptions&gt;</c>,
    /// metrics, notify scripts, and <see cref="FailoverService"/> as hosted service and <see cref="IFailoverControl"/>.
    /// Does not register the Linux I/O seams (AddL7GateFailoverLinux does). With no instances configured the
    /// service starts nothing and needs no I/O seams.
    /// </summary>
    public static IServiceCollection AddL7GateFailoverEngine(this IServiceCollection services, IConfiguration failoverSection)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(failoverSection);
        if (services.Any(d => d.ServiceType == typeof(FailoverService)))
        {
            return services; // registered already: a second hosted service would start every instance twice
        }

        services.AddOptions<FailoverOptions>().Bind(failoverSection).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<FailoverOptions>, FailoverOptionsValidation>());
        services.TryAddSingleton<IValidator<FailoverOptions>, FailoverOptionsValidator>();
        services.AddMetrics();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<FailoverMetrics>();
        services.TryAddSingleton<INotifyScriptRunner, ProcessNotifyScriptRunner>();
        services.TryAddSingleton<ITrackScriptExecutor, ProcessTrackScriptExecutor>();
        services.TryAddSingleton<FailoverService>();
        services.TryAddSingleton<IFailoverControl>(sp => sp.GetRequiredService<FailoverService>());
        services.AddHostedService(sp => sp.GetRequiredService<FailoverService>());
        return services;
    }
}
