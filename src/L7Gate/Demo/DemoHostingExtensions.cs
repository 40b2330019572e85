using L7Gate.Configuration;

namespace L7Gate.Demo;

/// <summary>Registers the demo backends (active only when the config has a <c>Demo</c> section).</summary>
public static class DemoHostingExtensions
{
    /// <summary>Adds the <c>Demo</c> section's validator, its sample backends and their control endpoints.</summary>
    public static WebApplicationBuilder AddL7GateDemo(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<DemoOptions>().BindConfiguration(DemoOptions.SectionName);
        services.AddConfigSectionValidator<DemoOptions, DemoOptionsValidator>(DemoOptions.SectionName);
        services.AddSingleton<DemoBackends>();
        services.AddHostedService(sp => sp.GetRequiredService<DemoBackends>());
        services.AddTransient<IStartupFilter, DemoEndpointsStartupFilter>();
        return builder;
    }
}
