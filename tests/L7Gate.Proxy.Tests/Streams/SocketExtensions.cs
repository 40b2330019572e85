using System.Net.Sockets;
using System.Text;

namespace L7Gate.Proxy.Tests.Streams;

internal static class SocketExtensions
{
    /// <summary>Everything until the peer's FIN (or reset), bounded by a generous deadline.</summary>
    public static async Task<string> ReadToEndAsync(this Socket socket, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
        var text = new StringBuilder();
        var buffer = new byte[8192];
        try
        {
            int read;
            while ((read = await socket.ReceiveAsync(buffer, SocketFlags.None, cts.Token)) > 0)
            {
                text.Append(Encoding.ASCII.GetString(buffer, 0, read));
            }
        }
        catch (SocketException)
        {
            // a reset ends the stream too
        }

        return text.ToString();
    }

    /// <summary>Reads exactly <paramref name="count"/> bytes.</summary>
    public static async Task<string> ReadExactlyAsync(this Socket socket, int count)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var buffer = new byte[count];
        var at = 0;
        while (at < count)
        {
            var read = await socket.ReceiveAsync(buffer.AsMemory(at), SocketFlags.None, cts.Token);
            if (read == 0)
            {
                throw new IOException($"closed after {at} of {count} bytes");
            }

            at += read;
        }

        return Encoding.ASCII.GetString(buffer);
    }

    public static Task SendTextAsync(this Socket socket, string text) => socket.SendAsync(Encoding.ASCII.GetBytes(text));
}
