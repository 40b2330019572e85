using L7Gate.Configuration;
using L7Gate.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace L7Gate.Admin.Health;

/// <summary>
/// Readiness of the node: a config has been loaded and applied, the host has started and is not stopping, and
/// every configured proxy and admin listener is bound (checked against the addresses the servers report, so a
/// listener that is configured but not accepting makes the node unready). A load balancer in front of a pair uses
/// it to stop sending new connections during shutdown.
/// </summary>
public sealed class AdminReadiness(IServiceProvider services, IHostApplicationLifetime lifetime)
{
    /// <summary>Reasons the node is not ready; empty when it is.</summary>
    public IReadOnlyList<string> NotReadyReasons()
    {
        var reasons = new List<string>();
        var config = services.GetService<IGatewayConfig>();
        if (config is null || config.Generation < 1 || string.IsNullOrWhiteSpace(config.CurrentJson))
        {
            reasons.Add("no config has been applied yet");
        }

        if (!lifetime.ApplicationStarted.IsCancellationRequested)
        {
            reasons.Add("the host is still starting (listeners not all up)");
        }
        else
        {
            reasons.AddRange(UnboundListeners());
        }

        if (lifetime.ApplicationStopping.IsCancellationRequested)
        {
            reasons.Add("the host is stopping");
        }

        return reasons;
    }

    private IEnumerable<string> UnboundListeners()
    {
        var admin = services.GetService<AdminServer>();
        if (admin is null || admin.InMemory)
        {
            yield break; // an in-memory test server has no sockets to check
        }

        if (services.GetService<StartupListeners>() is { } proxy && services.GetService<IServer>() is { } server)
        {
            foreach (var url in proxy.Unbound(server))
            {
                yield return $"proxy listener {url} is configured but not bound";
            }
        }

        foreach (var url in ListenerBindings.Unbound(admin.ConfiguredUrls, admin.Urls))
        {
            yield return $"admin listener {url} (Admin:Urls) is configured but not bound";
        }
    }
}
