using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;

namespace L7Gate.Proxy.Tests.Infrastructure;

/// <summary>Records one host's long counters (only that host's meters: tests run in parallel).</summary>
public sealed class MetricRecorder : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<(string Name, long Value, Dictionary<string, object?> Tags)> _measurements = new();

    public MetricRecorder(IServiceProvider services)
    {
        var factory = services.GetRequiredService<IMeterFactory>();
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter.Scope, factory) && instrument.Meter.Name.StartsWith("L7Gate", StringComparison.Ordinal))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            var dictionary = new Dictionary<string, object?>();
            foreach (var tag in tags)
            {
                dictionary[tag.Key] = tag.Value;
            }

            _measurements.Enqueue((instrument.Name, value, dictionary));
        });
        _listener.Start();
    }

    /// <summary>Sum of a counter, optionally only measurements carrying the given tag value.</summary>
    public long Sum(string name, string? tag = null, object? value = null) => _measurements
        .Where(m => m.Name == name && (tag is null || Equals(m.Tags.GetValueOrDefault(tag), value)))
        .Sum(m => m.Value);

    /// <summary>Sum of a counter over the measurements carrying every one of the given tag values.</summary>
    public long Sum(string name, params (string Tag, object? Value)[] tags) => _measurements
        .Where(m => m.Name == name && tags.All(t => Equals(m.Tags.GetValueOrDefault(t.Tag), t.Value)))
        .Sum(m => m.Value);

    /// <summary>Latest value of an observable gauge.</summary>
    public long Observe(string name)
    {
        _listener.RecordObservableInstruments();
        return _measurements.LastOrDefault(m => m.Name == name).Value;
    }

    public void Dispose() => _listener.Dispose();
}
