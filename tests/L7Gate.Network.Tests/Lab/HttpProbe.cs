using System.Net;
using System.Net.Sockets;
using System.Text;

namespace L7Gate.Network.Tests.Lab;

/// <summary>
/// One HTTP/1.1 GET on a fresh connection (Connection: close), the way the failover client measures:
/// no pooling, no retries, a hard timeout. Success = a complete 200 response (headers + Content-Length body).
/// </summary>
public static class HttpProbe
{
    /// <summary>
    /// Sends GET and reads the response as an HTTP client does: complete once the headers and Content-Length
    /// bytes of body have arrived (or at EOF without Content-Length). A reset after a complete response
    /// (the client's ACK of it reached a new master after the VIP moved) does not undo that response.
    /// </summary>
    public static Task<HttpProbeResult> GetAsync(NetnsThread netns, IPEndPoint endpoint, TimeSpan timeout, string path = "/") =>
        SendAsync(netns, "GET", endpoint, timeout, path);

    /// <summary>Sends a bodyless request (GET, POST, DELETE) and reads the response as <see cref="GetAsync"/> does; 2xx is OK.</summary>
    public static async Task<HttpProbeResult> SendAsync(
        NetnsThread netns, string method, IPEndPoint endpoint, TimeSpan timeout, string path = "/", string? authorization = null)
    {
        using var socket = await Tcp.CreateAsync(netns);
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await socket.ConnectAsync(endpoint, deadline.Token);
        }
        catch (OperationCanceledException)
        {
            return new HttpProbeResult(false, "timeout", string.Empty);
        }
        catch (SocketException ex)
        {
            return new HttpProbeResult(false, ex.SocketErrorCode.ToString(), string.Empty);
        }

        return await ExchangeAsync(socket, method, endpoint, path, authorization, deadline.Token);
    }

    /// <summary>Sends a GET on a connection opened earlier (by the caller) and reads the response, within <paramref name="timeout"/>.</summary>
    public static async Task<HttpProbeResult> GetOnAsync(Socket connected, IPEndPoint endpoint, TimeSpan timeout, string path = "/")
    {
        using var deadline = new CancellationTokenSource(timeout);
        return await ExchangeAsync(connected, "GET", endpoint, path, authorization: null, deadline.Token);
    }

    private static async Task<HttpProbeResult> ExchangeAsync(
        Socket socket, string method, IPEndPoint endpoint, string path, string? authorization, CancellationToken deadline)
    {
        var response = new MemoryStream();
        try
        {
            var credentials = authorization is null ? string.Empty : $"Authorization: {authorization}\r\n";
            var request = Encoding.ASCII.GetBytes($"{method} {path} HTTP/1.1\r\nHost: {endpoint}\r\n{credentials}Content-Length: 0\r\nConnection: close\r\n\r\n");
            await socket.SendAsync(request, SocketFlags.None, deadline);
            var buffer = new byte[4096];
            while (Parse(response) is not { Complete: true })
            {
                var read = await socket.ReceiveAsync(buffer, SocketFlags.None, deadline);
                if (read == 0)
                {
                    return Parse(response, atEof: true) ?? new HttpProbeResult(false, "closed before a response", string.Empty);
                }

                response.Write(buffer, 0, read);
            }

            return Parse(response)!;
        }
        catch (OperationCanceledException)
        {
            return new HttpProbeResult(false, "timeout", string.Empty);
        }
        catch (SocketException ex)
        {
            return Parse(response) is { Complete: true } complete ? complete : new HttpProbeResult(false, ex.SocketErrorCode.ToString(), string.Empty);
        }
    }

    // The response so far: null until the header block is complete.
    private static HttpProbeResult? Parse(MemoryStream response, bool atEof = false)
    {
        var text = Encoding.ASCII.GetString(response.GetBuffer(), 0, (int)response.Length);
        var headerEnd = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        if (headerEnd < 0)
        {
            return null;
        }

        var headers = text[..headerEnd].Split("\r\n");
        var body = text[(headerEnd + 4)..];
        var lengthHeader = headers.FirstOrDefault(h => h.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase));
        var complete = lengthHeader is not null && int.TryParse(lengthHeader["Content-Length:".Length..].Trim(), out var length)
            ? Encoding.ASCII.GetByteCount(body) >= length
            : atEof;
        var ok = complete && (headers[0].StartsWith("HTTP/1.1 2", StringComparison.Ordinal) || headers[0].StartsWith("HTTP/1.0 2", StringComparison.Ordinal));
        return new HttpProbeResult(ok, headers[0], body) { Complete = complete };
    }
}

/// <summary>The outcome of one <see cref="HttpProbe"/> request.</summary>
public sealed record HttpProbeResult(bool Ok, string Status, string Body)
{
    /// <summary>Whether the whole response (headers and body) arrived.</summary>
    public bool Complete { get; init; }
}
