using System.Reflection;
using L7Gate.Configuration;
using L7Gate.Failover.Control;
using L7Gate.Proxy.Health;
using L7Gate.Proxy.Secrets;
using L7Gate.Proxy.Streams.Balancing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Yarp.ReverseProxy;
using Yarp.ReverseProxy.Model;

namespace L7Gate.Admin.Status;

/// <summary>Builds the status snapshot from YARP's runtime state, the admin-state store, the config lifecycle and the failover engine.</summary>
public sealed class AdminStatusService
{
    private const string LanguagesMetadataKey = "L7Gate.Languages";
    private const string BrowsersMetadataKey = "L7Gate.Browsers";

    private static readonly string Version =
        typeof(AdminStatusService).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(AdminStatusService).Assembly.GetName().Version?.ToString()
        ?? "unknown";

    private readonly IServiceProvider _services;
    private readonly IOptionsMonitor<AdminOptions> _options;
    private readonly TimeProvider _time;
    private readonly DateTimeOffset _startedAt;
    private readonly long _startedTimestamp;

    /// <summary>Created when the host starts; uptime counts from then.</summary>
    public AdminStatusService(IServiceProvider services, IOptionsMonitor<AdminOptions> options, TimeProvider time)
    {
        _services = services;
        _options = options;
        _time = time;
        _startedAt = time.GetUtcNow();
        _startedTimestamp = time.GetTimestamp();
    }

    /// <summary>The whole status document.</summary>
    public AdminStatus GetStatus()
    {
        var config = _services.GetRequiredService<IGatewayConfig>();
        var lookup = _services.GetRequiredService<IProxyStateLookup>();
        return new AdminStatus(
            GetNode(),
            new ConfigStatus(config.ConfigPath, config.Generation, RedactErrors(config.LastErrors), config.LastErrorAt, config.PendingRestart),
            lookup.GetRoutes().OrderBy(r => r.Config.RouteId, StringComparer.OrdinalIgnoreCase).Select(ToRoute).ToList(),
            GetClusters(),
            GetFailoverInstances());
    }

    /// <summary>Node name, version and uptime.</summary>
    public NodeStatus GetNode() => new(
        string.IsNullOrWhiteSpace(_options.CurrentValue.NodeName) ? Environment.MachineName : _options.CurrentValue.NodeName!,
        Version,
        _startedAt,
        Math.Round(_time.GetElapsedTime(_startedTimestamp).TotalSeconds, 3));

    /// <summary>Every cluster with its destinations, sorted by id.</summary>
    public IReadOnlyList<ClusterStatus> GetClusters()
    {
        var lookup = _services.GetRequiredService<IProxyStateLookup>();
        var adminStates = _services.GetRequiredService<IDestinationAdminStates>();
        return lookup.GetClusters()
            .OrderBy(c => c.ClusterId, StringComparer.OrdinalIgnoreCase)
            .Select(cluster => ToCluster(cluster, adminStates, _services.GetService<StreamConnectionCounts>()))
            .ToList();
    }

    /// <summary>The failover engine's instances; empty when no failover is configured (the engine is then not registered).</summary>
    public IReadOnlyList<FailoverInstanceStatus> GetFailoverInstances() =>
        _services.GetService<IFailoverControl>()?.Instances.OrderBy(i => i.Name, StringComparer.Ordinal).ToList() ?? [];

    private static RouteStatus ToRoute(RouteModel route)
    {
        var config = route.Config;
        return new RouteStatus(
            config.RouteId,
            config.ClusterId,
            config.Order,
            config.Match.Path,
            config.Match.Hosts,
            config.Match.Methods,
            SplitMetadata(config.Metadata, LanguagesMetadataKey),
            SplitMetadata(config.Metadata, BrowsersMetadataKey));
    }

    private static IReadOnlyList<string>? SplitMetadata(IReadOnlyDictionary<string, string>? metadata, string key) =>
        metadata is not null && metadata.TryGetValue(key, out var value) && !string.IsNullOrWhiteSpace(value)
            ? value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : null;

    private static ClusterStatus ToCluster(ClusterState cluster, IDestinationAdminStates adminStates, StreamConnectionCounts? streams)
    {
        var available = cluster.DestinationsState?.AvailableDestinations ?? [];
        var destinations = cluster.Destinations.Values
            .OrderBy(d => d.DestinationId, StringComparer.OrdinalIgnoreCase)
            .Select(d => new DestinationStatus(
                d.DestinationId,
                SecretRedactor.RedactUrlUserInfo(d.Model.Config.Address),
                d.Health.Active.ToString(),
                d.Health.Passive.ToString(),
                adminStates.Get(cluster.ClusterId, d.DestinationId).ToString(),
                available.Contains(d),
                d.ConcurrentRequestCount + (streams?.Get(cluster.ClusterId, d.DestinationId) ?? 0)))
            .ToList();
        return new ClusterStatus(cluster.ClusterId, cluster.Model.Config.LoadBalancingPolicy, available.Count, destinations);
    }

    // A rejected config's error may quote a value ("Address 'http://user:pass@…' …").
    private static IReadOnlyList<ConfigError> RedactErrors(IReadOnlyList<ConfigError> errors) =>
        errors.Select(e => e with { Message = SecretRedactor.RedactUrlUserInfo(e.Message) }).ToList();
}
