using System.Diagnostics.Metrics;
using L7Gate.Proxy.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace L7Gate.Proxy.Tests.Routing;

/// <summary>A real meter factory and a listener that records l7gate.routing.malformed_headers.</summary>
internal sealed class MeteringFixture : IDisposable
{
    private readonly ServiceProvider _services;
    private readonly MeterListener _listener = new();
    private readonly List<string> _malformed = [];
    private readonly IMeterFactory _factory;

    public MeteringFixture()
    {
        _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        _factory = _services.GetRequiredService<IMeterFactory>();
        Metrics = new ProxyMetrics(_factory);
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == ProxyMetrics.MeterName && instrument.Name == "l7gate.routing.malformed_headers"
                && ReferenceEquals(instrument.Meter.Scope, _factory))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "header")
                {
                    lock (_malformed)
                    {
                        for (var i = 0; i < value; i++)
                        {
                            _malformed.Add((string)tag.Value!);
                        }
                    }
                }
            }
        });
        _listener.Start();
    }

    public ProxyMetrics Metrics { get; }

    public IReadOnlyList<string> MalformedHeaders
    {
        get
        {
            lock (_malformed)
            {
                return _malformed.ToList();
            }
        }
    }

    public void Dispose()
    {
        _listener.Dispose();
        _services.Dispose();
    }
}
