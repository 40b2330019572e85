using System.Net;
using System.Net.Sockets;
using L7Gate.Failover.Options;
using L7Gate.Failover.Tracking;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using Yarp.ReverseProxy;

namespace L7Gate.Failover;

/// <summary>
/// The one place that knows both sides: tells the VRRP engine whether this gateway can serve (keepalived's
/// <c>track_script</c>, in process). Healthy when the proxy's listener accepts a TCP connection and every
/// tracked cluster has at least one available destination (YARP's health state, after L7Gate's availability
/// policy and admin states).
/// </summary>
/// <remarks>
/// Tracked clusters: the union of <c>TrackProxy.Clusters</c> over the instances; when no instance lists any,
/// every configured cluster. A node whose backends are unreachable from it (its own uplink broke) thus lowers
/// its priority, and the peer that can still reach them takes the VIP.
/// </remarks>
internal sealed partial class ProxyHealthProbe(
    IServer server,
    IHostApplicationLifetime lifetime,
    IProxyStateLookup proxyState,
    IOptionsMonitor<FailoverOptions> options,
    ILogger<ProxyHealthProbe> logger) : IProxyHealthProbe
{
    private string? _lastProblem;

    /// <inheritdoc />
    public async ValueTask<bool> IsHealthyAsync(CancellationToken cancellationToken)
    {
        var problem = await FindProblemAsync(cancellationToken).ConfigureAwait(false);
        if (problem != _lastProblem)
        {
            if (problem is null)
            {
                LogHealthy(logger);
            }
            else
            {
                LogUnhealthy(logger, problem);
            }

            _lastProblem = problem;
        }

        return problem is null;
    }

    private async Task<string?> FindProblemAsync(CancellationToken cancellationToken)
    {
        if (!lifetime.ApplicationStarted.IsCancellationRequested)
        {
            return "the proxy listener has not started yet";
        }

        if (!await AnyListenerAcceptsAsync(cancellationToken).ConfigureAwait(false))
        {
            return "no proxy listener accepts connections";
        }

        foreach (var clusterId in TrackedClusters())
        {
            if (!proxyState.TryGetCluster(clusterId, out var cluster))
            {
                return $"tracked cluster '{clusterId}' is not configured";
            }

            if (cluster.DestinationsState.AvailableDestinations.Count == 0)
            {
                return $"cluster '{clusterId}' has no available destination";
            }
        }

        return null;
    }

    private IEnumerable<string> TrackedClusters()
    {
        var listed = options.CurrentValue.Instances.Values
            .SelectMany(i => i.TrackProxy?.Clusters ?? [])
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();
        return listed.Count > 0 ? listed : proxyState.GetClusters().Select(c => c.ClusterId);
    }

    private async Task<bool> AnyListenerAcceptsAsync(CancellationToken cancellationToken)
    {
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        foreach (var address in addresses)
        {
            if (ListenerEndpoint.TryParse(address) is not { } endpoint)
            {
                continue;
            }

            using var socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                await socket.ConnectAsync(endpoint, cancellationToken).ConfigureAwait(false);
                return true;
            }
            catch (SocketException)
            {
                // try the next listener
            }
        }

        return false;
    }

    [LoggerMessage(EventId = 1610, Level = LogLevel.Warning, Message = "Proxy health for failover: unhealthy, {Problem}")]
    private static partial void LogUnhealthy(ILogger logger, string problem);

    [LoggerMessage(EventId = 1611, Level = LogLevel.Information, Message = "Proxy health for failover: healthy")]
    private static partial void LogHealthy(ILogger logger);
}
