namespace L7Gate.Proxy.Warmup;

/// <summary>One synthetic request shaped to match a route.</summary>
/// <param name="RouteId">The route it was shaped for.</param>
/// <param name="Method">HTTP method.</param>
/// <param name="PathAndQuery">Path and query string.</param>
/// <param name="Host">Host header, or null for the listener's own.</param>
/// <param name="Headers">Further headers (route header matches, Accept-Language, User-Agent).</param>
public sealed record WarmupRequest(
    string RouteId, string Method, string PathAndQuery, string? Host, IReadOnlyList<KeyValuePair<string, string>> Headers);
