namespace L7Gate.Telemetry;

/// <summary>When L7Gate exports over OTLP.</summary>
public enum OtlpMode
{
    /// <summary>When <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set.</summary>
    Auto,

    /// <summary>Always (to the OTLP default endpoint when none is set).</summary>
    Enabled,

    /// <summary>Never.</summary>
    Disabled,
}
