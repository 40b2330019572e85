using L7Gate.Proxy.AccessControl;
using L7Gate.Proxy.RateLimiting;
using L7Gate.Proxy.Warmup;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registration of rate limits, allow/deny lists and trusted front proxies (README, "Rate limits and allow lists").</summary>
public static class TrafficPolicyServiceCollectionExtensions
{
    /// <summary>
    /// Options of the <c>RateLimiting</c>, <c>AccessControl</c> and <c>TrustedProxies</c> sections; ASP.NET Core's rate
    /// limiter with one policy per configured one; the trusted-proxy step in front of the pipeline. Register before
    /// the access log so the log sees the real client.
    /// </summary>
    public static IServiceCollection AddL7GateTrafficPolicies(this IServiceCollection services)
    {
        services.AddOptions<RateLimitingOptions>().BindConfiguration(RateLimitingOptions.SectionName);
        services.AddOptions<ListenerAccessControlOptions>().BindConfiguration(ListenerAccessControlOptions.SectionName);
        services.AddOptions<TrustedProxiesOptions>().BindConfiguration(TrustedProxiesOptions.SectionName);
        services.AddRateLimiter(_ => { });
        services.AddSingleton<IConfigureOptions<RateLimiterOptions>, RateLimitPolicies>();
        services.AddTransient<IStartupFilter, TrustedProxiesStartupFilter>();
        return services;
    }

    /// <summary>
    /// After routing: the listener and route access lists, then the rate limiter (a refused client spends no permit).
    /// Start-up warm-up requests pass both: they must not spend real clients' permits.
    /// </summary>
    public static IApplicationBuilder UseL7GateTrafficPolicies(this IApplicationBuilder app) =>
        app.UseMiddleware<AccessControlMiddleware>()
            .UseWhen(static context => context.Features.Get<WarmupRequestFeature>() is null, static branch => branch.UseRateLimiter());
}
