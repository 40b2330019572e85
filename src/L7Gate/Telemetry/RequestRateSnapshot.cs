namespace L7Gate.Telemetry;

/// <summary>Request counts per cluster per bucket, oldest first; the last bucket ends at <see cref="End"/>.</summary>
public sealed record RequestRateSnapshot(int BucketSeconds, DateTimeOffset End, IReadOnlyDictionary<string, long[]> Clusters);
