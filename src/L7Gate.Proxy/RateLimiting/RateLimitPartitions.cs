using Microsoft.AspNetCore.Http;

namespace L7Gate.Proxy.RateLimiting;

/// <summary>The partition key of a request under a policy's <c>PartitionBy</c>.</summary>
internal static class RateLimitPartitions
{
    private const string HeaderPrefix = "Header:";

    public static bool IsValid(string? partitionBy) =>
        string.Equals(partitionBy, "ClientIp", StringComparison.OrdinalIgnoreCase)
        || string.Equals(partitionBy, "Global", StringComparison.OrdinalIgnoreCase)
        || (partitionBy is not null && partitionBy.StartsWith(HeaderPrefix, StringComparison.OrdinalIgnoreCase)
            && partitionBy.Length > HeaderPrefix.Length && partitionBy.AsSpan(HeaderPrefix.Length).IndexOfAny(" :\t") < 0);

    /// <summary>A function from request to key, chosen once per policy.</summary>
    public static Func<HttpContext, string> KeyOf(string partitionBy)
    {
        if (string.Equals(partitionBy, "Global", StringComparison.OrdinalIgnoreCase))
        {
            return static _ => string.Empty;
        }

        if (partitionBy.StartsWith(HeaderPrefix, StringComparison.OrdinalIgnoreCase))
        {
            var header = partitionBy[HeaderPrefix.Length..];
            return context => context.Request.Headers[header] is { Count: > 0 } values ? values.ToString() : string.Empty;
        }

        return static context => context.Connection.RemoteIpAddress is { } address
            ? (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString()
            : string.Empty;
    }
}
