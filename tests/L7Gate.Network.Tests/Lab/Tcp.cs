using System.Net;
using System.Net.Sockets;

namespace L7Gate.Network.Tests.Lab;

/// <summary>TCP helpers whose sockets are created inside a namespace.</summary>
public static class Tcp
{
    /// <summary>A TCP socket created on the namespace thread (so it lives in that namespace), without blocking the caller.</summary>
    public static Task<Socket> CreateAsync(NetnsThread netns) => netns.InvokeAsync(NewSocket);

    private static Socket NewSocket() => new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };

    /// <summary>Polls until something accepts connections on <paramref name="endpoint"/>.</summary>
    public static async Task<bool> WaitForListenerAsync(NetnsThread netns, IPEndPoint endpoint, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            using var socket = await CreateAsync(netns);
            using var attempt = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));
            try
            {
                await socket.ConnectAsync(endpoint, attempt.Token);
                return true;
            }
            catch (Exception ex) when (ex is SocketException or OperationCanceledException)
            {
                await Task.Delay(50);
            }
        }

        return false;
    }
}
