using System.Globalization;
using FluentValidation;
using FluentValidation.Results;
using L7Gate.Proxy.AccessControl;
using L7Gate.Proxy.AccessLog;
using L7Gate.Proxy.Forwarding;
using L7Gate.Proxy.Health;
using L7Gate.Proxy.Retry;
using L7Gate.Proxy.Streams.Balancing;
using L7Gate.Proxy.Streams.Health;
using Microsoft.Extensions.Configuration;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Health;

namespace L7Gate.Proxy.Configuration;

/// <summary>
/// Turns a candidate ReverseProxy section into routes and clusters YARP can apply, or into the list of every
/// problem: empty section, YARP's own <see cref="IConfigValidator"/>, unknown cluster references and L7Gate's keys
/// (route <c>Match.Languages</c>/<c>Match.Browsers</c>, cluster <c>Retry</c>, connect timeout metadata, the
/// active health check kind in <c>HealthCheck.Active.Policy</c>).
/// </summary>
public sealed class ProxyConfigLoader(
    IConfigValidator yarpValidator,
    IEnumerable<IValidator<RouteMatchExtensions>> routeMatchValidators,
    IEnumerable<IActiveHealthCheckPolicy> activeHealthPolicies)
{
    private readonly string[] _activePolicies = activeHealthPolicies.Select(p => p.Name).ToArray();

    /// <summary>The ReverseProxy section name.</summary>
    public const string SectionName = "ReverseProxy";

    private readonly IValidator<RouteMatchExtensions>[] _routeMatchValidators = routeMatchValidators.ToArray();
    private readonly RetryOptionsValidator _retryValidator = new();
    private readonly AccessControlOptionsValidator _accessControlValidator = new();

    /// <summary>Reads and checks the ReverseProxy section of an effective (fully layered) configuration.</summary>
    public async ValueTask<ProxyConfigCandidate> LoadAsync(IConfiguration configuration, CancellationToken cancellationToken = default)
    {
        var section = configuration.GetSection(SectionName);
        var failures = new List<ValidationFailure>();
        // An L4-only gateway (Streams listeners, e.g. a kubeadm API-server VIP) proxies through clusters without any route.
        if (!configuration.GetSection("Streams:Listeners").GetChildren().Any())
        {
            RequireChildren(section, "Routes", "route", failures);
        }

        RequireChildren(section, "Clusters", "cluster", failures);
        if (failures.Count > 0)
        {
            return new ProxyConfigCandidate([], [], failures);
        }

        IProxyConfig read;
        try
        {
            read = YarpConfigReader.Read(section);
        }
        catch (Exception ex)
        {
            failures.Add(new ValidationFailure(SectionName, Flatten(ex)));
            return new ProxyConfigCandidate([], [], failures);
        }

        var activityTimeout = DefaultActivityTimeout(configuration);
        var routes = read.Routes.Select(r => MapRoute(r, section, failures)).ToList();
        var clusters = read.Clusters.Select(c => MapCluster(c, section, activityTimeout, failures)).ToList();

        foreach (var route in routes)
        {
            cancellationToken.ThrowIfCancellationRequested();
            foreach (var error in await yarpValidator.ValidateRouteAsync(route))
            {
                failures.Add(new ValidationFailure($"{SectionName}:Routes:{route.RouteId}", error.Message));
            }

            if (route.ClusterId is { } clusterId && clusters.All(c => !string.Equals(c.ClusterId, clusterId, StringComparison.OrdinalIgnoreCase)))
            {
                failures.Add(new ValidationFailure($"{SectionName}:Routes:{route.RouteId}:ClusterId",
                    $"ClusterId '{clusterId}' names no cluster; defined clusters: {string.Join(", ", clusters.Select(c => c.ClusterId))}."));
            }
        }

        foreach (var cluster in clusters)
        {
            var policyReported = ValidateActiveHealthKind(cluster, failures);
            foreach (var error in await yarpValidator.ValidateClusterAsync(cluster))
            {
                if (policyReported && error.Message.Contains(nameof(IActiveHealthCheckPolicy), StringComparison.Ordinal))
                {
                    continue; // said above, with the valid kinds and a suggestion
                }

                failures.Add(new ValidationFailure($"{SectionName}:Clusters:{cluster.ClusterId}", error.Message));
            }
        }

        return new ProxyConfigCandidate(routes, clusters, failures);
    }

    /// <summary>
    /// <c>HealthCheck.Active.Policy</c> names the probe kind (YARP's key): an unknown one is an error with the nearest
    /// valid name (even with probes disabled: a typo there would surface only when they are turned on); TcpConnect and
    /// TlsHandshake take no <c>Path</c>/<c>Query</c> (their addresses are checked by <see cref="DestinationAddressRules"/>,
    /// which lets their <c>Health</c> address be <c>tcp://</c>). True when the name was reported.
    /// </summary>
    private bool ValidateActiveHealthKind(ClusterConfig cluster, List<ValidationFailure> failures)
    {
        var active = cluster.HealthCheck?.Active;
        var path = $"{SectionName}:Clusters:{cluster.ClusterId}:HealthCheck:Active";
        if (active?.Policy is not { Length: > 0 } policy)
        {
            return false;
        }

        if (!_activePolicies.Contains(policy, StringComparer.OrdinalIgnoreCase))
        {
            var suggestion = KeySuggestion.Nearest(policy, _activePolicies);
            failures.Add(new ValidationFailure($"{path}:Policy",
                $"'{policy}' is not an active health check kind{(suggestion is null ? "" : $"; did you mean '{suggestion}'?")} Kinds: "
                + $"{StreamProbeKinds.Http} (HTTP GET of Active.Path, the default), {StreamProbeKinds.TcpConnect} (TCP connect), {StreamProbeKinds.TlsHandshake} (TCP connect and TLS handshake)"
                + (_activePolicies.Length > StreamProbeKinds.All.Count ? $"; registered: {string.Join(", ", _activePolicies)}." : "."), policy));
            return true;
        }

        if (!StreamProbeKinds.IsStreamKind(policy))
        {
            return false;
        }

        if (!string.IsNullOrEmpty(active.Path) || !string.IsNullOrEmpty(active.Query))
        {
            failures.Add(new ValidationFailure($"{path}:{(string.IsNullOrEmpty(active.Path) ? "Query" : "Path")}",
                $"Path and Query are for HTTP probes; a {policy} probe sends no request. Remove them, or use Policy '{StreamProbeKinds.Http}' for an HTTP(S) GET."));
        }

        return false;
    }

    private static void RequireChildren(IConfigurationSection section, string name, string what, List<ValidationFailure> failures)
    {
        if (!section.GetSection(name).GetChildren().Any())
        {
            failures.Add(new ValidationFailure($"{SectionName}:{name}",
                $"no {what} defined: {SectionName}:{name} is missing or empty; at least one {what} is required (a config without them would stop all proxying)."));
        }
    }

    private RouteConfig MapRoute(RouteConfig route, IConfigurationSection section, List<ValidationFailure> failures)
    {
        var matchSection = section.GetSection($"Routes:{route.RouteId}:Match");
        var match = new RouteMatchExtensions();
        try
        {
            match.Languages = ReadList(matchSection.GetSection("Languages"));
            match.Browsers = ReadList(matchSection.GetSection("Browsers"));
        }
        catch (FormatException ex)
        {
            failures.Add(new ValidationFailure(matchSection.Path, ex.Message));
            return route;
        }

        foreach (var validator in _routeMatchValidators)
        {
            foreach (var failure in validator.Validate(match).Errors)
            {
                failures.Add(new ValidationFailure(ConfigPath.Combine(matchSection.Path, failure.PropertyName), failure.ErrorMessage)
                {
                    AttemptedValue = failure.AttemptedValue,
                });
            }
        }

        var accessLog = BindRouteKey<RouteAccessLogOptions>(section, route, "AccessLog", "Enabled (true/false)", failures);
        var accessControl = BindRouteKey<AccessControlOptions>(section, route, "AccessControl", "Allow, Deny (lists of CIDR networks)", failures);
        if (accessControl is not null)
        {
            foreach (var failure in _accessControlValidator.Validate(accessControl).Errors)
            {
                failures.Add(new ValidationFailure(
                    ConfigPath.Combine($"{SectionName}:Routes:{route.RouteId}:AccessControl", failure.PropertyName), failure.ErrorMessage)
                {
                    AttemptedValue = failure.AttemptedValue,
                });
            }
        }

        if (match.Languages is null && match.Browsers is null && accessLog is null && accessControl is null)
        {
            return route;
        }

        var metadata = new Dictionary<string, string>(route.Metadata ?? new Dictionary<string, string>(), StringComparer.OrdinalIgnoreCase);
        if (accessLog is not null)
        {
            metadata[L7GateMetadataKeys.AccessLogEnabled] = accessLog.Enabled ? "true" : "false";
        }

        if (accessControl is not null)
        {
            metadata[L7GateMetadataKeys.AccessControlAllow] = string.Join(',', accessControl.Allow ?? []);
            metadata[L7GateMetadataKeys.AccessControlDeny] = string.Join(',', accessControl.Deny ?? []);
        }

        if (match.Languages is { } languages)
        {
            metadata[L7GateMetadataKeys.Languages] = string.Join(',', languages);
        }

        if (match.Browsers is { } browsers)
        {
            metadata[L7GateMetadataKeys.Browsers] = string.Join(',', browsers);
        }

        return route with { Metadata = metadata };
    }

    /// <summary><c>Forwarding:ActivityTimeout</c> of the same candidate (its validator reports a bad value; the default stands in meanwhile).</summary>
    private static TimeSpan DefaultActivityTimeout(IConfiguration configuration)
    {
        var options = new ForwardingOptions();
        try
        {
            configuration.GetSection(ForwardingOptions.SectionName).Bind(options);
        }
        catch (InvalidOperationException)
        {
            return ForwardingOptions.DefaultActivityTimeout;
        }

        return options.ActivityTimeout;
    }

    /// <summary>Binds one of L7Gate's route keys (YARP itself ignores them); an unknown key inside it is an error.</summary>
    private static T? BindRouteKey<T>(IConfigurationSection section, RouteConfig route, string key, string allowed, List<ValidationFailure> failures)
        where T : class, new()
    {
        var keySection = section.GetSection($"Routes:{route.RouteId}:{key}");
        if (!keySection.Exists())
        {
            return null;
        }

        var options = new T();
        try
        {
            keySection.Bind(options, o => o.ErrorOnUnknownConfiguration = true);
            return options;
        }
        catch (InvalidOperationException ex)
        {
            failures.Add(new ValidationFailure(keySection.Path, $"{Flatten(ex)} Allowed keys: {allowed}."));
            return null;
        }
    }

    private ClusterConfig MapCluster(ClusterConfig cluster, IConfigurationSection section, TimeSpan activityTimeout, List<ValidationFailure> failures)
    {
        var metadata = new Dictionary<string, string>(cluster.Metadata ?? new Dictionary<string, string>(), StringComparer.OrdinalIgnoreCase);
        var clusterPath = $"{SectionName}:Clusters:{cluster.ClusterId}";
        DestinationAddressRules.Check(cluster, clusterPath, failures);

        var retrySection = section.GetSection($"Clusters:{cluster.ClusterId}:Retry");
        if (retrySection.Exists())
        {
            var retry = new RetryOptions();
            try
            {
                retrySection.Bind(retry, o => o.ErrorOnUnknownConfiguration = true);
                foreach (var failure in _retryValidator.Validate(retry).Errors)
                {
                    failures.Add(new ValidationFailure(ConfigPath.Combine(retrySection.Path, failure.PropertyName), failure.ErrorMessage));
                }

                metadata[L7GateMetadataKeys.RetryMaxAttempts] = retry.MaxAttempts.ToString(CultureInfo.InvariantCulture);
                metadata[L7GateMetadataKeys.RetryOnStatusCodes] = string.Join(',', retry.EffectiveOnStatusCodes);
            }
            catch (InvalidOperationException ex)
            {
                failures.Add(new ValidationFailure(retrySection.Path, $"{Flatten(ex)} Allowed keys: MaxAttempts (1–10), OnStatusCodes (500–599)."));
            }
        }

        if (metadata.TryGetValue(L7GateMetadataKeys.ConnectTimeout, out var timeoutText) && !ConnectTimeout.TryParse(timeoutText, out _))
        {
            failures.Add(new ValidationFailure($"{clusterPath}:Metadata:{L7GateMetadataKeys.ConnectTimeout}",
                $"'{timeoutText}' is not a connect timeout: use a TimeSpan between {ConnectTimeout.Minimum} and {ConnectTimeout.Maximum} (\"00:00:02\")."));
        }

        // YARP's own default policy (HealthyOrPanic) sends traffic to unhealthy destinations when none is
        // healthy; L7Gate answers a clear 503 instead and honours drain/disable.
        var healthCheck = cluster.HealthCheck ?? new HealthCheckConfig();
        if (healthCheck.AvailableDestinationsPolicy is null)
        {
            healthCheck = healthCheck with { AvailableDestinationsPolicy = L7GateAvailableDestinationsPolicy.PolicyName };
        }

        // YARP waits 100 s for a silent destination; L7Gate's default is Forwarding:ActivityTimeout (60 s, as nginx).
        var httpRequest = cluster.HttpRequest ?? new Yarp.ReverseProxy.Forwarder.ForwarderRequestConfig();
        if (httpRequest.ActivityTimeout is null)
        {
            httpRequest = httpRequest with { ActivityTimeout = activityTimeout };
        }

        return cluster with { Metadata = metadata, HealthCheck = healthCheck, HttpRequest = httpRequest };
    }

    /// <summary>A list key must be a JSON array of strings; a bare string is a common mistake worth naming.</summary>
    private static List<string>? ReadList(IConfigurationSection section)
    {
        if (!section.Exists())
        {
            return null;
        }

        if (section.Value is { } scalar)
        {
            throw new FormatException($"{section.Key} must be a JSON array of strings, got the single value '{scalar}' (write [\"{scalar}\"]).");
        }

        return section.GetChildren().Select(c => c.Value ?? string.Empty).ToList();
    }

    private static string Flatten(Exception ex)
    {
        var messages = new List<string>();
        for (var e = ex; e is not null; e = e.InnerException)
        {
            messages.Add(e.Message);
        }

        return string.Join(" ", messages.Distinct());
    }
}
