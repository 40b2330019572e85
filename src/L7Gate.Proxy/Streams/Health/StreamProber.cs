using System.Net;
using System.Net.Http;
using System.Net.Security;
using System.Net.Sockets;

namespace L7Gate.Proxy.Streams.Health;

/// <summary>
/// Runs TcpConnect and TlsHandshake probes: connect (and handshake), then close. A pass answers a synthetic 200 (so
/// YARP's failure counting treats it as its own probes' 2xx); a failure throws, which YARP logs and counts as failed.
/// The deadline is YARP's <c>Active.Timeout</c> (default 10 s), through the token.
/// </summary>
internal sealed class StreamProber
{
    public async Task<HttpResponseMessage> ProbeAsync(StreamProbeRequest probe, CancellationToken cancellationToken)
    {
        try
        {
            using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            await socket.ConnectAsync(probe.Host, probe.Port, cancellationToken).ConfigureAwait(false);
            var reason = "TCP connect";
            if (string.Equals(probe.Kind, StreamProbeKinds.TlsHandshake, StringComparison.OrdinalIgnoreCase))
            {
                await using var network = new NetworkStream(socket, ownsSocket: false);
                await using var tls = new SslStream(network, leaveInnerStreamOpen: true);
                await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
                {
                    TargetHost = probe.TargetHost,
                    RemoteCertificateValidationCallback = probe.AcceptAnyCertificate ? static (_, _, _, _) => true : null,
                }, cancellationToken).ConfigureAwait(false);
                reason = $"TLS handshake ({tls.SslProtocol})";
                try
                {
                    await tls.ShutdownAsync().ConfigureAwait(false); // close_notify, as a polite client does
                }
                catch (Exception ex) when (ex is IOException or SocketException)
                {
                }
            }

            return new HttpResponseMessage(HttpStatusCode.OK) { RequestMessage = probe, ReasonPhrase = reason };
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            throw new HttpRequestException($"{probe.Kind} probe of {probe.Host}:{probe.Port} failed: {ex.Message}", ex);
        }
        catch (OperationCanceledException ex)
        {
            throw new TimeoutException($"{probe.Kind} probe of {probe.Host}:{probe.Port}: no answer within the probe timeout", ex);
        }
    }
}
