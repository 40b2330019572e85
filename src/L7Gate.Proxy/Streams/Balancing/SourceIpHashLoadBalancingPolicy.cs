using System.Net;
using Microsoft.AspNetCore.Http;
using Yarp.ReverseProxy.LoadBalancing;
using Yarp.ReverseProxy.Model;

namespace L7Gate.Proxy.Streams.Balancing;

/// <summary>
/// <c>SourceIpHash</c>: one client IP always gets the same destination while the available set is unchanged
/// (HAProxy <c>balance source</c>, nginx <c>hash $remote_addr</c>). Registered with YARP too, so a cluster that names it
/// passes YARP's validator and balances HTTP requests the same way.
/// </summary>
public sealed class SourceIpHashLoadBalancingPolicy : ILoadBalancingPolicy
{
    /// <summary>The <c>LoadBalancingPolicy</c> value.</summary>
    public const string PolicyName = "SourceIpHash";

    /// <inheritdoc />
    public string Name => PolicyName;

    /// <inheritdoc />
    public DestinationState? PickDestination(HttpContext context, ClusterState cluster, IReadOnlyList<DestinationState> availableDestinations) =>
        availableDestinations.Count == 0 ? null : availableDestinations[Index(context.Connection.RemoteIpAddress, availableDestinations.Count)];

    /// <summary>The index for <paramref name="client"/> among <paramref name="count"/> destinations (a stable FNV-1a hash, not the per-process randomised one).</summary>
    public static int Index(IPAddress? client, int count)
    {
        if (client is null || count <= 1)
        {
            return 0;
        }

        if (client.IsIPv4MappedToIPv6)
        {
            client = client.MapToIPv4();
        }

        Span<byte> bytes = stackalloc byte[16];
        client.TryWriteBytes(bytes, out var written);
        var hash = 2166136261u;
        foreach (var b in bytes[..written])
        {
            hash = (hash ^ b) * 16777619u;
        }

        return (int)(hash % (uint)count);
    }
}
