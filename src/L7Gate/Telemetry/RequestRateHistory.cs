using System.Collections.Concurrent;

namespace L7Gate.Telemetry;

/// <summary>
/// Proxied requests per cluster in 5-second buckets over the last 10 minutes, for the dashboard's rate chart.
/// A fixed ring per cluster: memory stays constant however long the node runs, and nothing needs a timer.
/// </summary>
public sealed class RequestRateHistory(TimeProvider time)
{
    /// <summary>Width of one bucket.</summary>
    public static readonly TimeSpan BucketWidth = TimeSpan.FromSeconds(5);

    /// <summary>Buckets kept: 10 minutes.</summary>
    public const int BucketCount = 120;

    private readonly ConcurrentDictionary<string, Ring> _clusters = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Counts one request to <paramref name="cluster"/> now.</summary>
    public void Record(string cluster) => _clusters.GetOrAdd(cluster, _ => new Ring()).Add(CurrentBucket());

    /// <summary>Per cluster, the counts of the last <see cref="BucketCount"/> buckets, oldest first; the last one is still filling.</summary>
    public RequestRateSnapshot Snapshot()
    {
        var current = CurrentBucket();
        var clusters = _clusters.ToDictionary(p => p.Key, p => p.Value.Read(current), StringComparer.OrdinalIgnoreCase);
        var end = DateTimeOffset.FromUnixTimeMilliseconds((current + 1) * (long)BucketWidth.TotalMilliseconds);
        return new RequestRateSnapshot((int)BucketWidth.TotalSeconds, end, clusters);
    }

    private long CurrentBucket() => time.GetUtcNow().ToUnixTimeMilliseconds() / (long)BucketWidth.TotalMilliseconds;

    private sealed class Ring
    {
        private readonly long[] _bucketIds = new long[BucketCount];
        private readonly long[] _counts = new long[BucketCount];
        private readonly Lock _gate = new();

        public void Add(long bucket)
        {
            var index = (int)(bucket % BucketCount);
            lock (_gate)
            {
                if (_bucketIds[index] != bucket)
                {
                    _bucketIds[index] = bucket;
                    _counts[index] = 0;
                }

                _counts[index]++;
            }
        }

        public long[] Read(long current)
        {
            var result = new long[BucketCount];
            lock (_gate)
            {
                for (var i = 0; i < BucketCount; i++)
                {
                    var bucket = current - (BucketCount - 1) + i;
                    var index = (int)(bucket % BucketCount);
                    result[i] = _bucketIds[index] == bucket ? _counts[index] : 0;
                }
            }

            return result;
        }
    }
}
