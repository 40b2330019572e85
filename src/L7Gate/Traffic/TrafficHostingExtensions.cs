using L7Gate.Configuration;
using L7Gate.Proxy.AccessControl;
using L7Gate.Proxy.AccessLog;
using L7Gate.Proxy.RateLimiting;

namespace L7Gate.Traffic;

/// <summary>Host wiring of the operator's day-one traffic features: access log, rate limits, allow lists, trusted proxies.</summary>
public static class TrafficHostingExtensions
{
    /// <summary>The access log (README "Access log"), its section validated with the rest of the file.</summary>
    public static IHostApplicationBuilder AddL7GateAccessLog(this IHostApplicationBuilder builder)
    {
        builder.Services.AddL7GateAccessLog();
        builder.Services.AddConfigSectionValidator<AccessLogOptions, AccessLogOptionsValidator>(AccessLogOptions.SectionName);
        return builder;
    }

    /// <summary>
    /// Rate limits, listener allow lists and trusted front proxies (README "Rate limits and allow lists"), their
    /// sections validated with the rest of the file. Pair with <c>app.UseL7GateTrafficPolicies()</c>.
    /// </summary>
    public static IHostApplicationBuilder AddL7GateTrafficPolicies(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddL7GateTrafficPolicies();
        services.AddConfigSectionValidator<RateLimitingOptions, RateLimitingOptionsValidator>(RateLimitingOptions.SectionName);
        services.AddConfigSectionValidator<ListenerAccessControlOptions, ListenerAccessControlOptionsValidator>(ListenerAccessControlOptions.SectionName);
        services.AddConfigSectionValidator<TrustedProxiesOptions, TrustedProxiesOptionsValidator>(TrustedProxiesOptions.SectionName);
        return builder;
    }
}
