namespace L7Gate.Proxy.Streams.ProxyProtocol;

/// <summary>Outcome of reading a PROXY protocol header from the first bytes of a connection.</summary>
public enum ProxyProtocolParseStatus
{
    /// <summary>A whole header was read.</summary>
    Complete,

    /// <summary>A valid prefix so far; read more and try again.</summary>
    NeedMoreData,

    /// <summary>Not a PROXY header, or a broken one; the reason says where.</summary>
    Malformed,
}
