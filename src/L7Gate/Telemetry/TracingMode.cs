namespace L7Gate.Telemetry;

/// <summary>When L7Gate records traces of proxied requests.</summary>
public enum TracingMode
{
    /// <summary>When OTLP export is on: spans with nowhere to go are not worth their per-request cost.</summary>
    Auto,

    /// <summary>Always, even without an exporter (spans are then only visible to in-process listeners).</summary>
    Enabled,

    /// <summary>Never. Backends still receive the caller's trace id.</summary>
    Disabled,
}
