using System.Net;
using System.Net.Sockets;
using System.Text;

namespace L7Gate.Network.Tests.Lab;

/// <summary>
/// One HTTP/1.1 GET on a fresh connection (Connection: close), the way the failover client measures:
/// no pooling, no retries, a hard timeout. Success = a complete 200 response.
/// </summary>
public static class HttpProbe
{
    /// <summary>Sends GET / and returns (status line or error, body).</summary>
    public static async Task<HttpProbeResult> GetAsync(NetnsThread netns, IPEndPoint endpoint, TimeSpan timeout, string path = "/")
    {
        using var socket = Tcp.Create(netns);
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await socket.ConnectAsync(endpoint, deadline.Token);
            var request = Encoding.ASCII.GetBytes($"GET {path} HTTP/1.1\r\nHost: {endpoint}\r\nConnection: close\r\n\r\n");
            await socket.SendAsync(request, SocketFlags.None, deadline.Token);
            var response = new MemoryStream();
            var buffer = new byte[4096];
            while (true)
            {
                var read = await socket.ReceiveAsync(buffer, SocketFlags.None, deadline.Token);
                if (read == 0)
                {
                    break;
                }

                response.Write(buffer, 0, read);
            }

            var text = Encoding.ASCII.GetString(response.ToArray());
            var statusLine = text.Split("\r\n", 2)[0];
            var body = text.Contains("\r\n\r\n", StringComparison.Ordinal) ? text[(text.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4)..] : string.Empty;
            var ok = statusLine.StartsWith("HTTP/1.1 200", StringComparison.Ordinal) || statusLine.StartsWith("HTTP/1.0 200", StringComparison.Ordinal);
            return new HttpProbeResult(ok, statusLine, body);
        }
        catch (OperationCanceledException)
        {
            return new HttpProbeResult(false, "timeout", string.Empty);
        }
        catch (SocketException ex)
        {
            return new HttpProbeResult(false, ex.SocketErrorCode.ToString(), string.Empty);
        }
    }
}

/// <summary>The outcome of one <see cref="HttpProbe"/> request.</summary>
public sealed record HttpProbeResult(bool Ok, string Status, string Body);
