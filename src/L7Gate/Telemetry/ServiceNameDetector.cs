using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using OpenTelemetry.Resources;

namespace L7Gate.Telemetry;

/// <summary>
/// Sets <c>service.name</c> from <see cref="TelemetryOptions.ServiceName"/>, read when the providers are built (so a
/// test's or a reload's config is seen), unless <c>OTEL_SERVICE_NAME</c> is set: the standard variable wins.
/// </summary>
internal sealed class ServiceNameDetector(IOptions<TelemetryOptions> options, IConfiguration configuration) : IResourceDetector
{
    public Resource Detect()
    {
        if (!string.IsNullOrEmpty(configuration["OTEL_SERVICE_NAME"]))
        {
            return Resource.Empty;
        }

        return new Resource(new Dictionary<string, object>
        {
            ["service.name"] = options.Value.ServiceName,
            ["service.version"] = typeof(ServiceNameDetector).Assembly.GetName().Version?.ToString() ?? "0.0.0",
            ["host.name"] = Environment.MachineName,
        });
    }
}
