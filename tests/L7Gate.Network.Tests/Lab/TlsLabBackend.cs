using System.Collections.Concurrent;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace L7Gate.Network.Tests.Lab;

/// <summary>
/// A TLS server in a lab node, standing in for a kube-apiserver: the listening socket is made in the node's namespace,
/// the TLS (SslStream, the certificate the test made) and HTTP/1.1 run in the test process. Every request — the
/// gateways' HTTPS <c>GET /healthz</c> probes and the client's requests — gets <c>200 backend NAME</c> and
/// <c>Connection: close</c>. Remembers which addresses probed <c>/healthz</c>.
/// </summary>
public sealed class TlsLabBackend : IDisposable
{
    /// <summary>The API server's port.</summary>
    public const int Port = 6443;

    private readonly Socket _listener;
    private readonly X509Certificate2 _certificate;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<IPAddress, int> _probers = new();

    private TlsLabBackend(string name, LabNode node, Socket listener, X509Certificate2 certificate)
    {
        Name = name;
        Node = node;
        _listener = listener;
        _certificate = certificate;
        _ = AcceptAsync();
    }

    public string Name { get; }

    public LabNode Node { get; }

    /// <summary>The backend's address and port.</summary>
    public IPEndPoint EndPoint => new(Node.Address, Port);

    /// <summary>The source addresses <c>GET /healthz</c> came from so far.</summary>
    public IReadOnlyCollection<IPAddress> HealthProbers => _probers.Keys.ToList();

    /// <summary>Listens on the node's address, port <see cref="Port"/>, with <paramref name="certificate"/>.</summary>
    public static async Task<TlsLabBackend> StartAsync(NetnsLab lab, LabNode node, string name, X509Certificate2 certificate)
    {
        var listener = await lab.ThreadIn(node).InvokeAsync(() =>
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            socket.Bind(new IPEndPoint(node.Address, Port));
            socket.Listen(512);
            return socket;
        });
        return new TlsLabBackend(name, node, listener, certificate);
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Dispose();
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            socket.NoDelay = true;
            _ = ServeAsync(socket);
        }
    }

    private async Task ServeAsync(Socket socket)
    {
        var from = ((IPEndPoint)socket.RemoteEndPoint!).Address;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
            timeout.CancelAfter(TimeSpan.FromSeconds(10));
            await using var tls = new SslStream(new NetworkStream(socket, ownsSocket: true));
            await tls.AuthenticateAsServerAsync(new SslServerAuthenticationOptions { ServerCertificate = _certificate }, timeout.Token);
            var head = await ReadHeadAsync(tls, timeout.Token);
            if (head.StartsWith("GET /healthz ", StringComparison.Ordinal))
            {
                _probers.AddOrUpdate(from, 1, (_, n) => n + 1);
            }

            var body = $"backend {Name}\n";
            var response = $"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n{body}";
            await tls.WriteAsync(Encoding.ASCII.GetBytes(response), timeout.Token);
            await tls.ShutdownAsync();
        }
        catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException or System.Security.Authentication.AuthenticationException)
        {
            // a probe or client that went away: nothing to serve
        }
    }

    private static async Task<string> ReadHeadAsync(Stream stream, CancellationToken cancel)
    {
        var head = new StringBuilder();
        var buffer = new byte[4096];
        while (head.Length < 16 * 1024)
        {
            var read = await stream.ReadAsync(buffer, cancel);
            if (read == 0)
            {
                break;
            }

            head.Append(Encoding.ASCII.GetString(buffer, 0, read));
            if (head.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
            {
                break;
            }
        }

        return head.ToString();
    }
}
