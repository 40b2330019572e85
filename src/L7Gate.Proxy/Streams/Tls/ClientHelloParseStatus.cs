namespace L7Gate.Proxy.Streams.Tls;

/// <summary>Outcome of reading a TLS ClientHello from the first bytes of a connection.</summary>
public enum ClientHelloParseStatus
{
    /// <summary>A whole ClientHello was read; the server name is set when the client sent one.</summary>
    Complete,

    /// <summary>The bytes so far are a valid prefix; read more and try again.</summary>
    NeedMoreData,

    /// <summary>The first byte is not a TLS handshake record: not TLS (plain TCP), route to the default cluster.</summary>
    NotTls,

    /// <summary>TLS framing that does not hold together; the reason says where.</summary>
    Malformed,
}
