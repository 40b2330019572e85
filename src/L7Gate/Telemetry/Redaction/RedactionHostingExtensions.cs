using Microsoft.Extensions.DependencyInjection.Extensions;

namespace L7Gate.Telemetry.Redaction;

/// <summary>Host wiring of secret redaction in logs (traces: <see cref="UserInfoRedactionProcessor"/>).</summary>
internal static class RedactionHostingExtensions
{
    /// <summary>Every logger the host creates redacts URL userinfo (<see cref="RedactingLoggerFactory"/>).</summary>
    public static IServiceCollection AddLogRedaction(this IServiceCollection services)
    {
        services.Replace(ServiceDescriptor.Singleton<ILoggerFactory>(sp =>
            new RedactingLoggerFactory(ActivatorUtilities.CreateInstance<LoggerFactory>(sp))));
        return services;
    }
}
