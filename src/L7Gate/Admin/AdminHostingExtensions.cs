using L7Gate.Admin.Auth;
using L7Gate.Admin.Health;
using L7Gate.Admin.Status;
using L7Gate.Configuration;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace L7Gate.Admin;

/// <summary>Registration and mapping of the admin API.</summary>
public static class AdminHostingExtensions
{
    /// <summary>
    /// Adds the admin API: the <c>Admin</c> section (bound lazily, validated with the whole config file) and the
    /// admin listener, started with the host. A non-loopback <c>Admin:Urls</c> without <c>Admin:ApiKey</c> stops the
    /// process at startup.
    /// </summary>
    public static IHostApplicationBuilder AddL7GateAdmin(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<AdminOptions>().BindConfiguration(AdminOptions.SectionName);
        services.AddConfigSectionValidator<AdminOptions, AdminOptionsValidator>(AdminOptions.SectionName);
        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.TryAddSingleton<AdminMetrics>();
        services.TryAddSingleton<AdminAuthorization>();
        services.TryAddSingleton<AdminStatusService>();
        services.TryAddSingleton<AdminReadiness>();
        services.TryAddSingleton<AdminServer>();
        services.AddHostedService(sp => sp.GetRequiredService<AdminServer>());
        return builder;
    }

    /// <summary>
    /// On a real server this maps nothing on the host's pipeline (the admin listener has its own). On an in-memory
    /// test server, where there is no second listener to open, it maps the admin routes here so tests reach them.
    /// </summary>
    public static WebApplication MapL7GateAdmin(this WebApplication app)
    {
        if (app.Services.GetRequiredService<AdminServer>().InMemory)
        {
            AdminEndpoints.Map(app, app.Services);
        }

        return app;
    }
}
