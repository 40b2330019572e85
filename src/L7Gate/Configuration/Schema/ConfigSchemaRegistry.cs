using L7Gate.Admin;
using L7Gate.Demo;
using L7Gate.Failover.Options;
using L7Gate.Proxy.Configuration;
using L7Gate.Proxy.Retry;
using L7Gate.Telemetry;
using L7Gate.Proxy.Warmup;
using L7Gate.Proxy.AccessControl;
using L7Gate.Proxy.AccessLog;
using L7Gate.Proxy.Forwarding;
using L7Gate.Proxy.RateLimiting;
using L7Gate.Proxy.Streams.Configuration;

namespace L7Gate.Configuration.Schema;

/// <summary>
/// Every key the config file may hold, in one place: the JSON Schema (<c>appsettings/l7gate.schema.json</c>) and the
/// unknown-key check (startup, <c>--check</c>, reload, admin validate and PUT) are generated from it.
/// <para>
/// <b>Adding a section or key is a one-line change here</b>: a new top-level section is a line in
/// <see cref="Sections"/> (section name → its options type); a key L7Gate adds to YARP's routes or clusters is a line
/// in <see cref="RouteKeys"/> or <see cref="ClusterKeys"/> (key → its options type), one added to a route's
/// <c>Match</c> a property of a type in <see cref="RouteMatchTypes"/>. Then regenerate the schema file
/// (<c>dotnet run --project src/L7Gate -- --write-schema appsettings/l7gate.schema.json</c>); a test fails until you do.
/// </para>
/// </summary>
public static class ConfigSchemaRegistry
{
    /// <summary>L7Gate's top-level sections and the options type each binds to.</summary>
    public static readonly IReadOnlyDictionary<string, Type> Sections = new Dictionary<string, Type>(StringComparer.OrdinalIgnoreCase)
    {
        [AdminOptions.SectionName] = typeof(AdminOptions),
        [FailoverOptions.SectionName] = typeof(FailoverOptions),
        [TelemetryOptions.SectionName] = typeof(TelemetryOptions),
        [DemoOptions.SectionName] = typeof(DemoOptions),
        [WarmupOptions.SectionName] = typeof(WarmupOptions),
        [StreamsOptions.SectionName] = typeof(StreamsOptions),
        [AccessLogOptions.SectionName] = typeof(AccessLogOptions),
        [RateLimitingOptions.SectionName] = typeof(RateLimitingOptions),
        [ListenerAccessControlOptions.SectionName] = typeof(ListenerAccessControlOptions),
        [TrustedProxiesOptions.SectionName] = typeof(TrustedProxiesOptions),
        [ForwardingOptions.SectionName] = typeof(ForwardingOptions),
    };

    /// <summary>Keys L7Gate adds to a YARP route (beside YARP's own <c>RouteConfig</c> keys).</summary>
    public static readonly IReadOnlyDictionary<string, Type> RouteKeys = new Dictionary<string, Type>(StringComparer.OrdinalIgnoreCase)
    {
        ["AccessLog"] = typeof(RouteAccessLogOptions),
        ["AccessControl"] = typeof(AccessControlOptions),
    };

    /// <summary>Types whose properties L7Gate adds to a YARP route's <c>Match</c> (<c>Languages</c>, <c>Browsers</c>).</summary>
    public static readonly IReadOnlyList<Type> RouteMatchTypes = [typeof(RouteMatchExtensions)];

    /// <summary>Keys L7Gate adds to a YARP cluster (beside YARP's own <c>ClusterConfig</c> keys).</summary>
    public static readonly IReadOnlyDictionary<string, Type> ClusterKeys = new Dictionary<string, Type>(StringComparer.OrdinalIgnoreCase)
    {
        ["Retry"] = typeof(RetryOptions),
    };

    /// <summary>
    /// Top-level sections that belong to the ASP.NET Core host and keep its rules (any content is accepted here;
    /// the host and Kestrel check them themselves).
    /// </summary>
    public static readonly IReadOnlyList<string> HostSections =
    [
        "Logging", "Kestrel", "AllowedHosts", "Urls", "Http_Ports", "Https_Ports", "HostFiltering", "ForwardedHeaders",
        "DetailedErrors", "Environment", "ContentRoot", "WebRoot", "ApplicationName", "ShutdownTimeoutSeconds",
        "PreventHostingStartup", "HostingStartupAssemblies", "HostingStartupExcludeAssemblies", "SuppressStatusMessages",
    ];

    /// <summary>Top-level keys read like environment variables (<c>OTEL_EXPORTER_OTLP_ENDPOINT</c>): a regex on the name.</summary>
    public const string HostKeyPattern = "^(OTEL|ASPNETCORE|DOTNET)_";
}
