using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace L7Gate.Proxy.Streams.Balancing;

/// <summary>
/// Open L4 connections per cluster destination: least-connections balancing reads them, the admin status shows them.
/// Keyed by ids (case-insensitive, as YARP's), so they survive config reloads.
/// </summary>
public sealed class StreamConnectionCounts
{
    private readonly ConcurrentDictionary<string, StrongBox<int>> _counts = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Open connections to the destination.</summary>
    public int Get(string clusterId, string destinationId) =>
        _counts.TryGetValue(Key(clusterId, destinationId), out var box) ? Volatile.Read(ref box.Value) : 0;

    /// <summary>One more open connection; dispose the result when it closes.</summary>
    public IDisposable Open(string clusterId, string destinationId)
    {
        var box = _counts.GetOrAdd(Key(clusterId, destinationId), _ => new StrongBox<int>());
        Interlocked.Increment(ref box.Value);
        return new Lease(box);
    }

    /// <summary>Every destination with a count, "cluster/destination" to open connections.</summary>
    public IReadOnlyDictionary<(string ClusterId, string DestinationId), int> Snapshot() =>
        _counts.Select(p => (Parts: p.Key.Split('\n'), Count: Volatile.Read(ref p.Value.Value)))
            .ToDictionary(p => (p.Parts[0], p.Parts[1]), p => p.Count);

    private static string Key(string clusterId, string destinationId) => clusterId + "\n" + destinationId;

    private sealed class Lease(StrongBox<int> box) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                Interlocked.Decrement(ref box.Value);
            }
        }
    }
}
