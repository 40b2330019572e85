namespace L7Gate.Telemetry;

/// <summary>The <c>Telemetry</c> section: how traces and metrics leave the node.</summary>
public sealed class TelemetryOptions
{
    /// <summary>Section name in the config file.</summary>
    public const string SectionName = "Telemetry";

    /// <summary><c>service.name</c> of traces and metrics; <c>OTEL_SERVICE_NAME</c> overrides it, as the OpenTelemetry spec says.</summary>
    public string ServiceName { get; set; } = "l7gate";

    /// <summary>Serve the Prometheus scrape endpoint <c>GET /metrics</c> on the admin listener.</summary>
    public bool Prometheus { get; set; } = true;

    /// <summary>
    /// OTLP export of traces, metrics and logs. <see cref="OtlpMode.Auto"/> (default) exports when
    /// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set; endpoint, protocol and headers follow the standard
    /// <c>OTEL_EXPORTER_OTLP_*</c> variables. Read at startup.
    /// </summary>
    public OtlpMode Otlp { get; set; } = OtlpMode.Auto;

    /// <summary>
    /// Tracing of proxied requests. <see cref="TracingMode.Auto"/> (default) records spans only when OTLP export is on,
    /// so a node without a collector pays nothing per request for them. Read at startup.
    /// </summary>
    public TracingMode Tracing { get; set; } = TracingMode.Auto;

    /// <summary>
    /// Also collect the framework's own per-request instruments: ASP.NET Core (<c>http.server.*</c>), Kestrel
    /// (<c>kestrel.*</c>) and HttpClient (<c>http.client.*</c>, YARP's requests to destinations). Off by default:
    /// L7Gate's <c>l7gate.proxy.*</c> instruments already count and time every proxied request by route, cluster
    /// and status, and listening to all three framework meters costs a measurable share of throughput
    /// (README, benchmark). Read at startup.
    /// </summary>
    public bool FrameworkMetrics { get; set; }

    /// <summary>Share of new traces recorded, 0–1 (parent-based: a sampled caller keeps its trace). Default 1.</summary>
    public double TraceSampleRatio { get; set; } = 1.0;
}
