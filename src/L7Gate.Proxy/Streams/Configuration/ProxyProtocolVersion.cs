namespace L7Gate.Proxy.Streams.Configuration;

/// <summary>Which PROXY protocol header a listener sends to its backends.</summary>
public enum ProxyProtocolVersion
{
    /// <summary>No header: the backend sees L7Gate as the client (HAProxy's default).</summary>
    None,

    /// <summary>Text header (HAProxy <c>send-proxy</c>, nginx <c>proxy_protocol on</c>).</summary>
    V1,

    /// <summary>Binary header (HAProxy <c>send-proxy-v2</c>).</summary>
    V2,
}
