using L7Gate.Configuration;
using L7Gate.Telemetry.Redaction;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
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
    /// backends) and every <c>L7Gate.*</c> activity source. Metrics: every <c>L7Gate.*</c> meter, plus ASP.NET Core,
    /// Kestrel and HttpClient instruments when <see cref="TelemetryOptions.FrameworkMetrics"/> is on, readable at <c>/metrics</c> on the admin listener. OTLP export of all
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

        QuietHostingDiagnostics(builder);
        services.AddLogRedaction();

        var exportOtlp = ShouldExportOtlp(builder.Configuration);
        var otel = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddDetector(sp => new ServiceNameDetector(
                sp.GetRequiredService<IOptions<TelemetryOptions>>(), sp.GetRequiredService<IConfiguration>())))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(TelemetryNames.Wildcard).AddPrometheusExporter();
                if (ShouldCollectFrameworkMetrics(builder.Configuration))
                {
                    metrics.AddAspNetCoreInstrumentation().AddHttpClientInstrumentation();
                }
            });

        // A listener on the ASP.NET Core and HttpClient sources makes every proxied request allocate two spans;
        // without an exporter they are thrown away, so Auto only traces when they have somewhere to go.
        if (ShouldTrace(builder.Configuration, exportOtlp))
        {
            otel.WithTracing(tracing => tracing
                .AddProcessor(new UserInfoRedactionProcessor()) // first, so no exporter sees a destination's userinfo
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

    /// <summary>
    /// ASP.NET Core starts an <see cref="System.Diagnostics.Activity"/> for every request whenever its hosting log
    /// category is enabled at any level, only so that log scopes can carry a trace id, and HttpClient then starts a
    /// child one for YARP's request to the destination. Nothing reads them unless tracing is on (which listens to the
    /// sources and so still gets its spans), and they cost about a tenth of the proxy's throughput (README,
    /// benchmark), so the category (per-request "Request starting/finished" lines, which the default Warning level
    /// hides anyway) is off unless <c>Logging:LogLevel</c> names it. Read at startup.
    /// </summary>
    private static void QuietHostingDiagnostics(IHostApplicationBuilder builder)
    {
        const string category = "Microsoft.AspNetCore.Hosting.Diagnostics";
        if (builder.Configuration[$"Logging:LogLevel:{category}"] is null)
        {
            builder.Logging.AddFilter(category, LogLevel.None);
        }
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

    /// <summary>True when the ASP.NET Core, Kestrel and HttpClient meters are collected (see <see cref="TelemetryOptions.FrameworkMetrics"/>).</summary>
    public static bool ShouldCollectFrameworkMetrics(IConfiguration configuration) =>
        bool.TryParse(configuration[$"{TelemetryOptions.SectionName}:{nameof(TelemetryOptions.FrameworkMetrics)}"], out var on) && on;

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
