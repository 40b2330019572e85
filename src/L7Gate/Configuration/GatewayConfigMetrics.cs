using System.Diagnostics.Metrics;

namespace L7Gate.Configuration;

/// <summary>The host's config instruments, on the <c>L7Gate.Host</c> meter.</summary>
internal sealed class GatewayConfigMetrics
{
    public const string MeterName = "L7Gate.Host";

    private readonly Counter<long> _reloadFailures;

    public GatewayConfigMetrics(IMeterFactory meterFactory, Func<long> generation, Func<long> pendingRestart)
    {
        var meter = meterFactory.Create(MeterName);
        meter.CreateObservableGauge("l7gate.config.generation", generation, "{generation}",
            "Generation of the config being served; bumped by each applied config.");
        meter.CreateObservableGauge("l7gate.config.pending_restart", pendingRestart, "{key}",
            "Startup-only config keys (listeners, Failover, telemetry pipeline, Demo) changed since start: they apply at the next restart.");
        _reloadFailures = meter.CreateCounter<long>("l7gate.config.reload.failures", "{reload}",
            "Changed config files rejected (malformed or invalid); the last good config kept serving.");
    }

    public void ReloadFailed() => _reloadFailures.Add(1);
}
