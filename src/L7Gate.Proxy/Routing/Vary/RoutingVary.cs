namespace L7Gate.Proxy.Routing.Vary;

/// <summary>Request headers a routing decision depended on, hence what the response must vary on.</summary>
[Flags]
public enum RoutingVary
{
    /// <summary>No routing header was consulted.</summary>
    None = 0,

    /// <summary>A language route was a candidate: <c>Vary: Accept-Language</c>.</summary>
    AcceptLanguage = 1,

    /// <summary>A browser route was a candidate: <c>Vary: User-Agent, Sec-CH-UA, Sec-CH-UA-Mobile</c>.</summary>
    UserAgent = 2,
}
