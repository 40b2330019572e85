using System.Net.Http;
using System.Net.Sockets;
using L7Gate.Proxy.Streams.Health;
using Microsoft.Extensions.Logging;
using Yarp.ReverseProxy.Forwarder;

namespace L7Gate.Proxy.Forwarding;

/// <summary>
/// YARP's client factory with a connect timeout that fails fast (see <see cref="ConnectTimeout"/>). The connect is
/// done in our own callback so that a timeout surfaces like a refused connection (nothing was sent) and the retry
/// step can safely try another destination. Each client also runs the cluster's TcpConnect/TlsHandshake health probes
/// (<see cref="StreamProbeHandler"/>), since YARP's active monitor sends every probe through the cluster's client.
/// </summary>
internal sealed class L7GateForwarderHttpClientFactory(TimeProvider timeProvider, ILogger<ForwarderHttpClientFactory> logger)
    : ForwarderHttpClientFactory(logger)
{
    protected override void ConfigureHandler(ForwarderHttpClientContext context, SocketsHttpHandler handler)
    {
        base.ConfigureHandler(context, handler);
        var timeout = ConnectTimeout.From(context.NewMetadata);
        handler.ConnectCallback = (connectContext, cancellationToken) => ConnectAsync(connectContext, timeout, cancellationToken);
    }

    protected override HttpMessageHandler WrapHandler(ForwarderHttpClientContext context, HttpMessageHandler handler) =>
        new StreamProbeHandler(base.WrapHandler(context, handler));

    protected override bool CanReuseOldClient(ForwarderHttpClientContext context) =>
        base.CanReuseOldClient(context) && ConnectTimeout.From(context.OldMetadata) == ConnectTimeout.From(context.NewMetadata);

    private async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        using var timeoutSource = new CancellationTokenSource(timeout, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeoutSource.Token);
        try
        {
            await socket.ConnectAsync(context.DnsEndPoint, linked.Token);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch (OperationCanceledException) when (timeoutSource.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            socket.Dispose();
            throw new SocketException((int)SocketError.TimedOut, $"Connect to {context.DnsEndPoint} timed out after {timeout.TotalMilliseconds:0} ms");
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
