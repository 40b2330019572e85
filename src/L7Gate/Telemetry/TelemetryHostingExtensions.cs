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

        var exportOtlp = ShouldExportOtlp(builder.Configuration);
        var otel = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddDetector(sp => new ServiceNameDetector(
                sp.GetRequiredService<IOptions<TelemetryOptions>>(), sp.GetRequiredService<IConfiguration>())))
            .WithMetrics(metrics => metrics
                .AddMeter(TelemetryNames.Wildcard)
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddPrometheusExporter());

        // A listener on the ASP.NET Core and HttpClient sources makes every proxied request allocate two spans;
        // without an exporter they are thrown away, so Auto only traces when they have somewhere to go.
        if (ShouldTrace(builder.Configuration, exportOtlp))
        {
            otel.WithTracing(tracing => tracing
                .AddSource(TelemetryNames.Wildcard)
                .AddAspNetCoreInstrumentation(o => o.Filter = context => !IsAdminListener(context))
                .AddHttpClientInstrumentation()
                .SetSampler(sp => new ParentBasedSampler(
                    new TraceIdRatioBasedSampler(sp.GetRequiredService<IOptions<TelemetryOptions>>().Value.TraceSampleRatio))));
        }

        // Exporters are chosen before the host is built, so this reads the process's configuration as started.
        if (exportOtlp)
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

    /// <summary>True when traces are recorded for this configuration (see <see cref="TracingMode"/>).</summary>
    public static bool ShouldTrace(IConfiguration configuration, bool exportOtlp)
    {
        var raw = configuration[$"{TelemetryOptions.SectionName}:{nameof(TelemetryOptions.Tracing)}"];
        var mode = Enum.TryParse<TracingMode>(raw, ignoreCase: true, out var parsed) ? parsed : TracingMode.Auto;
        return mode switch
        {
            TracingMode.Enabled => true,
            TracingMode.Disabled => false,
            _ => exportOtlp,
        };
    }

    // Requests on the admin listener (scrapes every few seconds, dashboard polling) would drown the proxy's traces.
    private static bool IsAdminListener(HttpContext context) =>
        context.RequestServices?.GetService<AdminListenerMarker>() is not null;
}
