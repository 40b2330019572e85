using System.Diagnostics;
using System.Diagnostics.Metrics;
using L7Gate.Proxy.Health;
using Microsoft.Extensions.DependencyInjection;
using Yarp.ReverseProxy;
using Yarp.ReverseProxy.Model;

namespace L7Gate.Telemetry;

/// <summary>
/// The per-request and per-destination instruments the host produces on the proxy's meter: request count and
/// duration recorded by <see cref="ProxyRequestMetricsMiddleware"/>, and observable gauges read from YARP's runtime
/// state and the admin-state store at each collection.
/// </summary>
public sealed class GatewayMetrics
{
    private readonly Counter<long> _requests;
    private readonly Histogram<double> _duration;
    private readonly IServiceProvider _services;

    /// <summary>Creates the instruments; the gauges resolve YARP lazily, at collection time.</summary>
    public GatewayMetrics(IMeterFactory meterFactory, IServiceProvider services)
    {
        _services = services;
        var meter = meterFactory.Create(TelemetryNames.ProxyMeter);
        _requests = meter.CreateCounter<long>(TelemetryNames.Requests, "{request}",
            "Requests forwarded by the proxy, by route, cluster and response status code.");
        _duration = meter.CreateHistogram<double>(TelemetryNames.RequestDuration, "s",
            "Time from receiving a proxied request to the end of its response, retries included.",
            advice: new InstrumentAdvice<double>
            {
                // OpenTelemetry's HTTP semantic-convention buckets: sub-millisecond loopback to slow backends.
                HistogramBucketBoundaries = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10],
            });
        meter.CreateObservableGauge(TelemetryNames.DestinationHealth, ObserveHealth, "{state}",
            "Health of a destination per check (active, passive): 1 healthy, 0 unhealthy, -1 unknown.");
        meter.CreateObservableGauge(TelemetryNames.DestinationAdminState, ObserveAdminState, "{state}",
            "Operator-set state of a destination: 0 Active, 1 Draining, 2 Disabled.");
    }

    /// <summary>Records one proxied request.</summary>
    public void RecordRequest(string route, string cluster, int statusCode, TimeSpan duration)
    {
        var tags = new TagList
        {
            { "route", route },
            { "cluster", cluster },
            { "status_code", statusCode },
        };
        _requests.Add(1, tags);
        _duration.Record(duration.TotalSeconds, tags);
    }

    private IEnumerable<Measurement<int>> ObserveHealth()
    {
        var lookup = _services.GetService<IProxyStateLookup>();
        if (lookup is null)
        {
            yield break;
        }

        foreach (var cluster in lookup.GetClusters())
        {
            foreach (var destination in cluster.Destinations.Values)
            {
                yield return new Measurement<int>(ToValue(destination.Health.Active),
                    new("cluster", cluster.ClusterId), new("destination", destination.DestinationId), new("check", "active"));
                yield return new Measurement<int>(ToValue(destination.Health.Passive),
                    new("cluster", cluster.ClusterId), new("destination", destination.DestinationId), new("check", "passive"));
            }
        }
    }

    private IEnumerable<Measurement<int>> ObserveAdminState()
    {
        var lookup = _services.GetService<IProxyStateLookup>();
        var states = _services.GetService<IDestinationAdminStates>();
        if (lookup is null || states is null)
        {
            yield break;
        }

        foreach (var cluster in lookup.GetClusters())
        {
            foreach (var destination in cluster.Destinations.Values)
            {
                yield return new Measurement<int>((int)states.Get(cluster.ClusterId, destination.DestinationId),
                    new("cluster", cluster.ClusterId), new("destination", destination.DestinationId));
            }
        }
    }

    private static int ToValue(DestinationHealth health) => health switch
    {
        DestinationHealth.Healthy => 1,
        DestinationHealth.Unhealthy => 0,
        _ => -1,
    };
}
