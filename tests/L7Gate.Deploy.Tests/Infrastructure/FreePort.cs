using System.Net;
using System.Net.Sockets;

namespace L7Gate.Deploy.Tests.Infrastructure;

/// <summary>Loopback ports for processes that must be told their port up front (a config file).</summary>
internal static class FreePort
{
    /// <summary>A port the kernel just handed out for 127.0.0.1 and that is free again.</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
