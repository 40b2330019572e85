using L7Gate.Admin.Auth;
using L7Gate.Admin.Config;
using L7Gate.Admin.Dashboard;
using L7Gate.Admin.Destinations;
using L7Gate.Admin.Failover;
using L7Gate.Admin.Health;
using L7Gate.Admin.Stats;
using L7Gate.Admin.Status;
using L7Gate.Telemetry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;

namespace L7Gate.Admin;

/// <summary>
/// The admin API's routes, mapped onto the admin listener's own application (or, on an in-memory test server, onto
/// the host's). Handlers use the host's services, passed in as <paramref name="services"/>.
/// </summary>
internal static class AdminEndpoints
{
    public static void Map(IEndpointRouteBuilder root, IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<AdminOptions>>().Value;
        var admin = root.MapGroup("/admin");

        StatusEndpoints.Map(admin, services);
        StatsEndpoints.Map(admin, services);
        ConfigEndpoints.Map(admin, services);
        DestinationEndpoints.Map(admin, services);
        MaintenanceEndpoints.Map(admin, services);
        HealthEndpoints.Map(root, services);
        if (options.Dashboard)
        {
            DashboardEndpoints.Map(admin, services);
        }

        MapMetrics(root, services);
    }

    private static void MapMetrics(IEndpointRouteBuilder root, IServiceProvider services)
    {
        var telemetry = services.GetService<IOptions<TelemetryOptions>>()?.Value;
        var meterProvider = services.GetService<MeterProvider>();
        if (telemetry is not { Prometheus: true } || meterProvider is null)
        {
            return;
        }

        var authorization = services.GetRequiredService<AdminAuthorization>();
        root.MapPrometheusScrapingEndpoint("/metrics", meterProvider, branch => branch.Use(async (context, next) =>
            {
                if (authorization.Check(context, AdminAccess.Read) is { } refusal)
                {
                    await refusal.ExecuteAsync(context);
                    return;
                }

                await next(context);
            }), optionsName: null)
            .WithMetadata(AdminAccess.Read);
    }
}
