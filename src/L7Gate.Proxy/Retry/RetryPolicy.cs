using System.Globalization;
using System.Runtime.CompilerServices;
using L7Gate.Proxy.Configuration;
using Yarp.ReverseProxy.Configuration;

namespace L7Gate.Proxy.Retry;

/// <summary>A cluster's retry settings, parsed once per cluster config from its L7Gate metadata.</summary>
internal sealed record RetryPolicy(int MaxAttempts, IReadOnlySet<int> OnStatusCodes)
{
    private static readonly ConditionalWeakTable<ClusterConfig, RetryPolicy> Cache = new();

    public static readonly RetryPolicy Default = new(RetryOptions.DefaultMaxAttempts, RetryOptions.DefaultOnStatusCodes.ToHashSet());

    public static RetryPolicy For(ClusterConfig cluster) => Cache.GetValue(cluster, Parse);

    private static RetryPolicy Parse(ClusterConfig cluster)
    {
        var metadata = cluster.Metadata;
        if (metadata is null)
        {
            return Default;
        }

        var maxAttempts = metadata.TryGetValue(L7GateMetadataKeys.RetryMaxAttempts, out var text)
            && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed)
            ? parsed
            : Default.MaxAttempts;

        var codes = metadata.TryGetValue(L7GateMetadataKeys.RetryOnStatusCodes, out var list)
            ? list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(c => int.Parse(c, CultureInfo.InvariantCulture)).ToHashSet()
            : Default.OnStatusCodes;

        return new RetryPolicy(Math.Max(1, maxAttempts), codes);
    }
}
