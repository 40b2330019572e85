using System.Net;

namespace L7Gate.Failover;

/// <summary>Turns a Kestrel server address ("http://[::]:8080", "http://localhost:80") into an endpoint to connect to.</summary>
internal static class ListenerEndpoint
{
    /// <summary>The endpoint to probe, or null for an address that is not host:port (a Unix socket, a named pipe).</summary>
    public static IPEndPoint? TryParse(string serverAddress)
    {
        if (!Uri.TryCreate(serverAddress.Replace("://+:", "://0.0.0.0:").Replace("://*:", "://0.0.0.0:"), UriKind.Absolute, out var uri)
            || uri.Port <= 0
            || uri.Scheme is not ("http" or "https"))
        {
            return null;
        }

        var host = uri.Host.Trim('[', ']');
        if (host is "localhost")
        {
            return new IPEndPoint(IPAddress.Loopback, uri.Port);
        }

        if (!IPAddress.TryParse(host, out var address))
        {
            return null;
        }

        // A wildcard listener accepts on loopback too.
        if (address.Equals(IPAddress.Any))
        {
            address = IPAddress.Loopback;
        }
        else if (address.Equals(IPAddress.IPv6Any))
        {
            address = IPAddress.IPv6Loopback;
        }

        return new IPEndPoint(address, uri.Port);
    }
}
