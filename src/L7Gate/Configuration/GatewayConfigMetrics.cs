using System.Diagnostics.Metrics;

namespace L7Gate.Configuration;

/// <summary>The host's config instruments, on the <c>L7Gate.Host</c> meter.</summary>
internal sealed class GatewayConfigMetrics
{
    public const string MeterName = "L7Gate.Host";

    private readonly Counter<long> _reloadFailures;

    public GatewayConfigMetrics(IMeterFactory meterFactory, Func<long> generation)
    {
        var meter = meterFactory.Create(MeterName);
        meter.CreateObservableGauge("l7gate.config.generation", generation, "{generation}",
            "Generation of the config being served; bumped by each applied config.");
        _reloadFailures = meter.CreateCounter<long>("l7gate.config.reload.failures", "{reload}",
            "Changed config files rejected (malformed or invalid); the last good config kept serving.");
    }

    public void ReloadFailed() => _reloadFailures.Add(1);
}
