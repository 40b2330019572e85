using System.Diagnostics.Metrics;

namespace L7Gate.Admin;

/// <summary>The admin API's instruments (meter <c>L7Gate.Admin</c>).</summary>
public sealed class AdminMetrics
{
    /// <summary>Meter name, picked up by the telemetry wiring's <c>L7Gate.*</c> wildcard.</summary>
    public const string MeterName = "L7Gate.Admin";

    private readonly Counter<long> _rejected;

    /// <summary>Creates the instruments from the host's meter factory.</summary>
    public AdminMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _rejected = meter.CreateCounter<long>(
            "l7gate.admin.requests.rejected",
            unit: "{request}",
            description: "Admin API requests refused: bad or missing credentials, invalid input, unknown targets.");
    }

    /// <summary>Counts one refused admin request; <paramref name="reason"/> is one of <see cref="AdminRejectReason"/>.</summary>
    public void Rejected(string reason) => _rejected.Add(1, new KeyValuePair<string, object?>("reason", reason));
}
