namespace L7Gate.Proxy.Routing.Browsers;

/// <summary>Which client headers a classification had to ignore.</summary>
[Flags]
public enum ClientHeaders
{
    /// <summary>None.</summary>
    None = 0,

    /// <summary>User-Agent (oversized).</summary>
    UserAgent = 1,

    /// <summary>Sec-CH-UA (malformed or oversized).</summary>
    SecChUa = 2,

    /// <summary>Sec-CH-UA-Mobile (not ?0/?1).</summary>
    SecChUaMobile = 4,
}
