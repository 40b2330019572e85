using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace L7Gate.Proxy.Warmup;

/// <summary>Registers the start-up warm-up of the proxy pipeline (see <see cref="WarmupOptions"/>).</summary>
public static class WarmupServiceCollectionExtensions
{
    /// <summary>Adds the warm-up service, its marker and sink, and its gateway-pipeline step.</summary>
    public static IServiceCollection AddL7GateWarmup(this IServiceCollection services)
    {
        services.AddOptions<WarmupOptions>().BindConfiguration(WarmupOptions.SectionName);
        services.AddSingleton<WarmupMarker>();
        services.AddSingleton<WarmupSink>();
        services.AddSingleton<WarmupStatus>();
        services.AddHostedService<WarmupService>();
        services.AddTransient<IStartupFilter, WarmupStartupFilter>();
        return services;
    }

    /// <summary>Adds the warm-up's step at the head of the proxy pipeline (before retries and load balancing).</summary>
    public static IReverseProxyApplicationBuilder UseL7GateWarmup(this IReverseProxyApplicationBuilder pipeline)
    {
        pipeline.UseMiddleware<WarmupDestinationStep>();
        return pipeline;
    }

    private sealed class WarmupStartupFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.UseMiddleware<WarmupMiddleware>();
            next(app);
        };
    }
}
