using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using L7Gate.Proxy.Streams.AccessLog;
using L7Gate.Proxy.Streams.Balancing;
using L7Gate.Proxy.Streams.Configuration;
using L7Gate.Proxy.Streams.ProxyProtocol;
using L7Gate.Proxy.Streams.Tls;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Yarp.ReverseProxy;
using Yarp.ReverseProxy.Model;

namespace L7Gate.Proxy.Streams;

/// <summary>
/// Serves one accepted connection of an L4 listener, at the end of Kestrel's connection pipeline (no HTTP):
/// PROXY header in, SNI peek, cluster by SNI, destination by the cluster's availability and load-balancing
/// policy, connect (next destination on refusal or timeout), PROXY header out, then the byte relay; at the end one
/// access-log line (<see cref="StreamAccessLog"/>).
/// </summary>
public sealed class StreamConnectionHandler(
    IOptions<StreamsOptions> options,
    IProxyStateLookup proxyState,
    StreamLoadBalancing balancing,
    StreamConnectionCounts counts,
    StreamMetrics metrics,
    StreamAccessLog accessLog,
    TimeProvider time,
    ILogger<StreamConnectionHandler> logger)
{
    private readonly ConcurrentDictionary<string, SniRouter> _routers = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, StrongCount> _open = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Open connections on a listener (relaying or still choosing a destination).</summary>
    public int OpenConnections(string listener) => _open.TryGetValue(listener, out var c) ? Volatile.Read(ref c.Value) : 0;

    /// <summary>Handles <paramref name="connection"/> accepted on listener <paramref name="listenerName"/>; returns when it is closed.</summary>
    public async Task HandleAsync(ConnectionContext connection, string listenerName)
    {
        var listener = options.Value.Listeners[listenerName];
        metrics.Accepted(listenerName);
        var facts = new StreamConnectionFacts
        {
            Listener = listenerName,
            Start = time.GetUtcNow(),
            StartTimestamp = time.GetTimestamp(),
            Client = connection.RemoteEndPoint as IPEndPoint,
        };
        var open = _open.GetOrAdd(listenerName, _ => new StrongCount());
        try
        {
            if (Interlocked.Increment(ref open.Value) > listener.MaxConnections)
            {
                Refuse(listenerName, connection, facts, StreamEndReason.MaxConnections);
                return;
            }

            if (connection.Features.Get<IConnectionSocketFeature>()?.Socket is { } clientSocket)
            {
                StreamSockets.EnableKeepAlive(clientSocket);
            }

            await ServeAsync(connection, listenerName, listener, facts).ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Decrement(ref open.Value);
            accessLog.Write(listener, facts);
        }
    }

    private async Task ServeAsync(ConnectionContext connection, string listenerName, StreamListenerOptions listener, StreamConnectionFacts facts)
    {
        var client = facts.Client;
        var local = connection.LocalEndPoint as IPEndPoint;
        string? serverName = null;
        var headerRead = false;
        using (var preamble = new CancellationTokenSource(StreamPreamble.Timeout, time))
        using (var linked = CancellationTokenSource.CreateLinkedTokenSource(preamble.Token))
        {
            try
            {
                if (listener.ProxyProtocol?.Accept == true)
                {
                    var (header, reason) = await StreamPreamble.ReadProxyHeaderAsync(connection.Transport.Input, linked.Token).ConfigureAwait(false);
                    if (header is null)
                    {
                        Malformed(listenerName, connection, facts, "proxy_header", reason ?? "missing");
                        return;
                    }

                    headerRead = true;
                    if (header.Source is not null)
                    {
                        client = header.Source;
                        local = header.Destination;
                        facts.Client = client;
                    }
                }

                var router = _routers.GetOrAdd(listenerName, _ => new SniRouter(listener));
                if (router.UsesSni)
                {
                    var (name, reason) = await StreamPreamble.PeekServerNameAsync(connection.Transport.Input, linked.Token).ConfigureAwait(false);
                    if (reason is not null)
                    {
                        Malformed(listenerName, connection, facts, "client_hello", reason);
                        return;
                    }

                    serverName = name;
                    facts.Sni = name;
                }
            }
            catch (OperationCanceledException) when (preamble.IsCancellationRequested)
            {
                // Nothing (or not enough) arrived in time: a client that waits for the server to speak first goes to
                // the default cluster, as with nginx's preread_timeout. A missing PROXY header still closes.
                if (listener.ProxyProtocol?.Accept == true && !headerRead)
                {
                    Malformed(listenerName, connection, facts, "proxy_header", "none within the preamble timeout");
                    return;
                }
            }
        }

        var clusterId = _routers.GetOrAdd(listenerName, _ => new SniRouter(listener)).Route(serverName);
        if (clusterId is null)
        {
            Refuse(listenerName, connection, facts, StreamEndReason.NoCluster);
            return;
        }

        facts.ClusterId = clusterId;
        if (!proxyState.TryGetCluster(clusterId, out var cluster))
        {
            Refuse(listenerName, connection, facts, StreamEndReason.UnknownCluster);
            return;
        }

        facts.ClusterId = cluster.ClusterId;
        var candidates = balancing.Order(cluster, client?.Address);
        if (candidates.Count == 0)
        {
            Refuse(listenerName, connection, facts, StreamEndReason.NoDestination);
            return;
        }

        var (destination, backend) = await ConnectAsync(listenerName, listener, cluster, candidates, facts, CancellationToken.None).ConfigureAwait(false);
        if (backend is null || destination is null)
        {
            Refuse(listenerName, connection, facts, StreamEndReason.ConnectFailed);
            return;
        }

        facts.DestinationId = destination.DestinationId;
        await RelayAsync(connection, listenerName, listener, cluster.ClusterId, destination, backend, client, local, facts).ConfigureAwait(false);
    }

    private async Task RelayAsync(ConnectionContext connection, string listenerName, StreamListenerOptions listener, string clusterId,
        DestinationState destination, Socket backend, IPEndPoint? client, IPEndPoint? local, StreamConnectionFacts facts)
    {
        var tags = new StreamTags(listenerName, clusterId, destination.DestinationId);
        var started = time.GetTimestamp();
        using var lease = counts.Open(clusterId, destination.DestinationId);
        metrics.Active(tags, 1);
        var why = StreamEndReason.ClientClosed;
        StreamRelay? relay = null;
        try
        {
            StreamsLog.Connected(logger, listenerName, client?.ToString() ?? "?", clusterId, destination.DestinationId, destination.Model.Config.Address);
            var send = listener.ProxyProtocol?.Send ?? ProxyProtocolVersion.None;
            if (send != ProxyProtocolVersion.None)
            {
                await backend.SendAsync(ProxyProtocolWriter.Write(send, client, local), SocketFlags.None).ConfigureAwait(false);
            }

            relay = new StreamRelay(connection, backend, metrics, tags, time, listener.IdleTimeout, listener.DrainTimeout);
            why = await relay.RunAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // Only the PROXY header write can get here (the relay handles its own failures): the backend went away.
            why = StreamEndReason.BackendReset;
        }
        finally
        {
            facts.End = why;
            facts.BytesIn = relay?.BytesIn ?? 0;
            facts.BytesOut = relay?.BytesOut ?? 0;
            relay?.Dispose();
            backend.Dispose();
            metrics.Active(tags, -1);
            var duration = time.GetElapsedTime(started);
            metrics.Duration(tags, duration);
            StreamsLog.Closed(logger, listenerName, client?.ToString() ?? "?", clusterId, destination.DestinationId, why, duration);
        }
    }

    private async Task<(DestinationState? Destination, Socket? Socket)> ConnectAsync(string listenerName, StreamListenerOptions listener,
        ClusterState cluster, IReadOnlyList<DestinationState> candidates, StreamConnectionFacts facts, CancellationToken clientClosed)
    {
        foreach (var destination in candidates)
        {
            facts.Attempts++;
            facts.DestinationId = destination.DestinationId;
            var address = destination.Model.Config.Address;
            if (!StreamDestinationAddress.TryParse(address, out var host, out var port))
            {
                ConnectFailed(listenerName, cluster.ClusterId, destination, "bad_address", $"address '{address}' has no host:port");
                continue;
            }

            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            using var timeout = new CancellationTokenSource(listener.ConnectTimeout, time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, clientClosed);
            try
            {
                await socket.ConnectAsync(host, port, linked.Token).ConfigureAwait(false);
                StreamSockets.EnableKeepAlive(socket);
                return (destination, socket);
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested && !clientClosed.IsCancellationRequested)
            {
                socket.Dispose();
                ConnectFailed(listenerName, cluster.ClusterId, destination, "timeout", $"no answer within {listener.ConnectTimeout:c}");
            }
            catch (SocketException ex)
            {
                socket.Dispose();
                ConnectFailed(listenerName, cluster.ClusterId, destination, ex.SocketErrorCode.ToString().ToLowerInvariant(), ex.Message);
            }
            catch (OperationCanceledException)
            {
                socket.Dispose();
                return (null, null);
            }
        }

        return (null, null);
    }

    private void ConnectFailed(string listenerName, string clusterId, DestinationState destination, string reason, string detail)
    {
        metrics.ConnectFailed(listenerName, clusterId, destination.DestinationId, reason);
        StreamsLog.ConnectFailed(logger, listenerName, clusterId, destination.DestinationId, destination.Model.Config.Address, detail);
    }

    private void Refuse(string listenerName, ConnectionContext connection, StreamConnectionFacts facts, string reason)
    {
        facts.End = reason;
        if (reason != StreamEndReason.ConnectFailed)
        {
            facts.DestinationId = null;
        }

        metrics.Refused(listenerName, facts.ClusterId, reason);
        StreamsLog.Refused(logger, listenerName, connection.RemoteEndPoint?.ToString() ?? "?", reason, facts.ClusterId ?? "(none)");
    }

    private void Malformed(string listenerName, ConnectionContext connection, StreamConnectionFacts facts, string kind, string reason)
    {
        facts.End = "bad_" + kind;
        metrics.Malformed(listenerName, kind);
        metrics.Refused(listenerName, null, "bad_" + kind);
        StreamsLog.Malformed(logger, listenerName, connection.RemoteEndPoint?.ToString() ?? "?", kind, reason);
    }

    private sealed class StrongCount
    {
        public int Value;
    }
}
