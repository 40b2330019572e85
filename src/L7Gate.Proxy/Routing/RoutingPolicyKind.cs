namespace L7Gate.Proxy.Routing;

/// <summary>The two L7Gate matcher policies, for the bookkeeping they share.</summary>
internal enum RoutingPolicyKind
{
    /// <summary>Accept-Language (route <c>Match.Languages</c>).</summary>
    Language,

    /// <summary>User-Agent and client hints (route <c>Match.Browsers</c>).</summary>
    Browser,
}
