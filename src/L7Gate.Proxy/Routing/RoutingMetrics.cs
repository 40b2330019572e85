using System.Diagnostics.Metrics;

namespace L7Gate.Proxy.Routing;

/// <summary>
/// Routing instruments on the proxy library's meter ("L7Gate.Proxy"). IMeterFactory hands every
/// class asking for the same meter name the same <see cref="Meter"/>, so this sits beside the proxy
/// team's instruments without a second meter.
/// </summary>
public sealed class RoutingMetrics
{
    /// <summary>The proxy library's meter name.</summary>
    public const string MeterName = "L7Gate.Proxy";

    private readonly Counter<long> _malformedHeaders;

    /// <summary>Creates the instruments from the host's meter factory.</summary>
    public RoutingMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MeterName);
        _malformedHeaders = meter.CreateCounter<long>(
            "l7gate.routing.malformed_headers",
            unit: "{header}",
            description: "Request headers that routing could not use (malformed or oversized); the request went to the fallback route.");
    }

    /// <summary>Counts one malformed or oversized header, tagged with its name.</summary>
    public void MalformedHeader(string header) =>
        _malformedHeaders.Add(1, new KeyValuePair<string, object?>("header", header));
}
