using L7Gate.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace L7Gate.Admin.Health;

/// <summary>
/// Readiness of the node: a config has been loaded and applied, the host has started (all listeners bound,
/// hosted services up) and is not stopping. A load balancer in front of a pair uses it to stop sending new
/// connections during shutdown.
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

        if (lifetime.ApplicationStopping.IsCancellationRequested)
        {
            reasons.Add("the host is stopping");
        }

        return reasons;
    }
}
