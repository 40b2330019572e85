namespace L7Gate.Proxy.Streams.Configuration;

/// <summary>A listener's <c>ProxyProtocol</c> section.</summary>
public sealed class ProxyProtocolOptions
{
    /// <summary>Header sent to the backend before any client byte. Defaults to None (HAProxy without <c>send-proxy</c>).</summary>
    public ProxyProtocolVersion Send { get; set; } = ProxyProtocolVersion.None;

    /// <summary>
    /// When true every connection must start with a v1 or v2 header from a load balancer in front (HAProxy
    /// <c>accept-proxy</c>, nginx <c>listen … proxy_protocol</c>); its source address then stands for the client.
    /// A connection without one is closed and counted. Defaults to false.
    /// </summary>
    public bool Accept { get; set; }
}
