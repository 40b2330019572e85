using System.Net;
using System.Net.Sockets;
using System.Text;

namespace L7Gate.Deploy.Tests.Infrastructure;

/// <summary>
/// A loopback listener that answers one HTTP request with a fixed status and keeps the request head,
/// standing in for a gateway's admin listener where only the request itself is under test.
/// </summary>
internal sealed class OneShotHttpServer : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Task<string> _request;

    /// <summary>Starts listening; the first request gets <paramref name="status"/>.</summary>
    public OneShotHttpServer(int status)
    {
        _listener.Start();
        _request = AnswerOnceAsync(status);
    }

    /// <summary>The port it listens on (127.0.0.1).</summary>
    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>The request line and headers of the request it answered.</summary>
    public Task<string> Request => _request;

    /// <inheritdoc />
    public void Dispose() => _listener.Stop();

    private async Task<string> AnswerOnceAsync(int status)
    {
        using var client = await _listener.AcceptTcpClientAsync();
        var stream = client.GetStream();
        var head = new StringBuilder();
        var buffer = new byte[4096];
        while (!head.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
        {
            var read = await stream.ReadAsync(buffer);
            if (read == 0)
            {
                break;
            }

            head.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }

        var response = $"HTTP/1.1 {status} X\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(response));
        return head.ToString();
    }
}
