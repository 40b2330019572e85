using System.Diagnostics;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Text;

namespace L7Gate.Network.Tests.Lab;

/// <summary>
/// A client that, like kubectl against <c>k8s-vip:6443</c>, opens a connection, does a TLS handshake and one HTTP
/// request, and then does it again, one after the other with a short pause, each attempt with a hard timeout.
/// Records each attempt's times (Stopwatch timestamps), outcome, answer and the certificate the server presented.
/// </summary>
public sealed class TlsReconnectClient
{
    private readonly NetnsThread _netns;
    private readonly IPEndPoint _target;
    private readonly TimeSpan _timeout;
    private readonly TimeSpan _pause;

    public TlsReconnectClient(NetnsThread netns, IPEndPoint target, TimeSpan timeout, TimeSpan pause)
    {
        _netns = netns;
        _target = target;
        _timeout = timeout;
        _pause = pause;
    }

    /// <summary>Connects again and again until <paramref name="stop"/> fires; returns every attempt in order.</summary>
    public async Task<IReadOnlyList<TlsAttempt>> RunAsync(CancellationToken stop)
    {
        var attempts = new List<TlsAttempt>();
        while (!stop.IsCancellationRequested)
        {
            attempts.Add(await AttemptAsync());
            try
            {
                await Task.Delay(_pause, stop);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        return attempts;
    }

    /// <summary>One connection: TCP connect, TLS handshake, <c>GET /</c>, the whole answer to EOF.</summary>
    public async Task<TlsAttempt> AttemptAsync()
    {
        var start = Stopwatch.GetTimestamp();
        string? thumbprint = null;
        using var timeout = new CancellationTokenSource(_timeout);
        try
        {
            using var socket = await Tcp.CreateAsync(_netns);
            await socket.ConnectAsync(_target, timeout.Token);
            await using var tls = new SslStream(new NetworkStream(socket, ownsSocket: false));
            await tls.AuthenticateAsClientAsync(
                new SslClientAuthenticationOptions
                {
                    TargetHost = "kubernetes",
                    // Checked by the test against the certificate it gave the backends: the proxy must not present its own.
                    RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                    {
                        thumbprint = certificate?.GetCertHashString();
                        return certificate is not null;
                    },
                },
                timeout.Token);
            await tls.WriteAsync("GET / HTTP/1.1\r\nHost: kubernetes\r\nConnection: close\r\n\r\n"u8.ToArray(), timeout.Token);
            var answer = await ReadToEndAsync(tls, timeout.Token);
            var ok = answer.StartsWith("HTTP/1.1 200 ", StringComparison.Ordinal) && answer.Contains("\r\n\r\nbackend ", StringComparison.Ordinal);
            // A connection cut during the takeover may end before (or without) the header block: a failed attempt, no body.
            var headersEnd = answer.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            var body = headersEnd < 0 ? string.Empty : answer[(headersEnd + 4)..].Trim();
            return new TlsAttempt(start, Stopwatch.GetTimestamp(), ok, ok ? "ok" : "bad answer", body, thumbprint);
        }
        catch (OperationCanceledException)
        {
            return new TlsAttempt(start, Stopwatch.GetTimestamp(), false, "timeout", "", thumbprint);
        }
        catch (Exception ex) when (ex is SocketException or IOException or System.Security.Authentication.AuthenticationException)
        {
            var status = ex is SocketException socketError ? socketError.SocketErrorCode.ToString() : ex.GetType().Name;
            return new TlsAttempt(start, Stopwatch.GetTimestamp(), false, status, "", thumbprint);
        }
    }

    private static async Task<string> ReadToEndAsync(Stream stream, CancellationToken cancel)
    {
        var answer = new StringBuilder();
        var buffer = new byte[4096];
        int read;
        while ((read = await stream.ReadAsync(buffer, cancel)) > 0)
        {
            answer.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }

        return answer.ToString();
    }
}

/// <summary>One attempt of a <see cref="TlsReconnectClient"/>: Stopwatch timestamps, outcome, body, server certificate (SHA-1 hex).</summary>
public sealed record TlsAttempt(long Start, long End, bool Ok, string Status, string Body, string? ServerThumbprint);
