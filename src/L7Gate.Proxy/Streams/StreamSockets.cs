using System.Net.Sockets;

namespace L7Gate.Proxy.Streams;

/// <summary>TCP keepalive on both legs, so a quiet watch is not cut by a NAT or firewall and a dead peer is found.</summary>
internal static class StreamSockets
{
    /// <summary>Idle seconds before the first probe: 60 s (kind's apiserver proxy uses TCP keepalive for the same reason; Linux's default is 7200 s).</summary>
    public const int KeepAliveTimeSeconds = 60;

    /// <summary>Seconds between probes: 10 s.</summary>
    public const int KeepAliveIntervalSeconds = 10;

    /// <summary>Unanswered probes before the peer is dead: 6 (a dead peer is found about two minutes after its last byte).</summary>
    public const int KeepAliveRetryCount = 6;

    /// <summary>Turns keepalive on; a socket that refuses an option keeps the system defaults for it.</summary>
    public static void EnableKeepAlive(Socket socket)
    {
        try
        {
            socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.KeepAlive, true);
            socket.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveTime, KeepAliveTimeSeconds);
            socket.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveInterval, KeepAliveIntervalSeconds);
            socket.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveRetryCount, KeepAliveRetryCount);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException or PlatformNotSupportedException)
        {
            // A socket already closed by its peer, or a platform without the per-socket knobs.
        }
    }
}
