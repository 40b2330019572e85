using L7Gate.Configuration;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace L7Gate.Telemetry;

/// <summary>OpenTelemetry wiring of the host: traces of proxied requests, L7Gate's meters, Prometheus scrape, OTLP export.</summary>
public static class TelemetryHostingExtensions
{
    /// <summary>
    /// Traces: ASP.NET Core server spans, HttpClient/SocketsHttpHandler client spans (YARP's forwarder requests to
    /// backends) and every <c>L7Gate.*</c> activity source. Metrics: every <c>L7Gate.*</c> meter plus ASP.NET Core,
    /// Kestrel and HttpClient instruments, readable at <c>/metrics</c> on the admin listener. OTLP export of all
    /// three signals when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set (or <c>Telemetry:Otlp</c> says so).
    /// </summary>
    public static IHostApplicationBuilder AddL7GateTelemetry(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<TelemetryOptions>().BindConfiguration(TelemetryOptions.SectionName);
        services.AddConfigSectionValidator<TelemetryOptions, TelemetryOptionsValidator>(TelemetryOptions.SectionName);
        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.TryAddSingleton<GatewayMetrics>();
        services.TryAddSingleton<RequestRateHistory>();
        services.AddTransient<IStartupFilter, ProxyRequestMetricsStartupFilter>();

        var otel = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddDetector(sp => new ServiceNameDetector(
                sp.GetRequiredService<IOptions<TelemetryOptions>>(), sp.GetRequiredService<IConfiguration>())))
            .WithTracing(tracing => tracing
                .AddSource(TelemetryNames.Wildcard)
                .AddAspNetCoreInstrumentation(o => o.Filter = context => !IsAdminListener(context))
                .AddHttpClientInstrumentation()
                .SetSampler(sp => new ParentBasedSampler(
                    new TraceIdRatioBasedSampler(sp.GetRequiredService<IOptions<TelemetryOptions>>().Value.TraceSampleRatio))))
            .WithMetrics(metrics => metrics
                .AddMeter(TelemetryNames.Wildcard)
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddPrometheusExporter());

        // Exporters are chosen before the host is built, so this reads the process's configuration as started.
        if (ShouldExportOtlp(builder.Configuration))
        {
            otel.UseOtlpExporter();
        }

        return builder;
    }

    /// <summary>True when OTLP export is on for this configuration.</summary>
    public static bool ShouldExportOtlp(IConfiguration configuration)
    {
        // An unparsable value is left to the section validator, which reports it with the rest of the file's errors.
        var raw = configuration[$"{TelemetryOptions.SectionName}:{nameof(TelemetryOptions.Otlp)}"];
        var mode = Enum.TryParse<OtlpMode>(raw, ignoreCase: true, out var parsed) ? parsed : OtlpMode.Auto;
        return mode switch
        {
            OtlpMode.Enabled => true,
            OtlpMode.Disabled => false,
            _ => !string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]),
        };
    }

    // Requests on the admin listener (scrapes every few seconds, dashboard polling) would drown the proxy's traces.
    private static bool IsAdminListener(HttpContext context) =>
        context.RequestServices?.GetService<AdminListenerMarker>() is not null;
}
