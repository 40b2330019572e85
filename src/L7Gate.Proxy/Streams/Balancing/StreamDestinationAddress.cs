namespace L7Gate.Proxy.Streams.Balancing;

/// <summary>
/// Where an L4 connection goes for a YARP destination address: <c>tcp://host:port</c>, or the host and port of an
/// <c>https://</c> (default 443) or <c>http://</c> (default 80) address, so one cluster can serve both an L7 route and an L4 listener.
/// </summary>
public static class StreamDestinationAddress
{
    /// <summary>Scheme of a plain TCP destination.</summary>
    public const string TcpScheme = "tcp";

    /// <summary>Host and port of <paramref name="address"/>, or false when it has neither.</summary>
    public static bool TryParse(string? address, out string host, out int port)
    {
        host = string.Empty;
        port = 0;
        if (!Uri.TryCreate(address, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
        {
            return false;
        }

        port = uri.Port;
        if (port <= 0)
        {
            port = uri.Scheme switch { "https" => 443, "http" => 80, _ => 0 };
        }

        host = uri.Host.Trim('[', ']');
        return port is > 0 and <= 65535 && uri.Scheme is TcpScheme or "https" or "http" or "tls";
    }
}
