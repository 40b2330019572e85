namespace L7Gate.Configuration;

/// <summary>
/// The config keys the host reads once, at startup: the listeners, the VRRP instances, the telemetry pipeline and
/// the demo backends. A reload that changes one of them is applied for everything else, and the change waits for
/// the next restart; <see cref="IGatewayConfig.PendingRestart"/> names it so that it cannot go unnoticed.
/// </summary>
internal static class StartupOnlyKeys
{
    /// <summary>Key prefixes (sections or single keys) read only at startup, as reported.</summary>
    public static readonly IReadOnlyList<string> Prefixes =
    [
        "Urls",
        "Kestrel",
        "Admin:Urls",
        "Admin:Dashboard",
        "Failover",
        "Telemetry:Otlp",
        "Telemetry:Tracing",
        "Telemetry:FrameworkMetrics",
        "Telemetry:ServiceName",
        "Telemetry:Prometheus",
        "Demo",
        "Warmup",
    ];

    /// <summary>The prefixes under which <paramref name="started"/> and <paramref name="current"/> differ.</summary>
    public static IReadOnlyList<string> Changed(IDictionary<string, string?> started, IDictionary<string, string?> current) =>
        Prefixes.Where(prefix => !Section(started, prefix).SequenceEqual(Section(current, prefix))).ToList();

    private static IEnumerable<KeyValuePair<string, string?>> Section(IDictionary<string, string?> data, string prefix) =>
        data.Where(p => p.Key.Equals(prefix, StringComparison.OrdinalIgnoreCase)
                || p.Key.StartsWith(prefix + ":", StringComparison.OrdinalIgnoreCase))
            .Select(p => KeyValuePair.Create(p.Key.ToUpperInvariant(), p.Value))
            .OrderBy(p => p.Key, StringComparer.Ordinal);
}
