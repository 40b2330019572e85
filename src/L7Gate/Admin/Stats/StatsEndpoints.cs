using L7Gate.Admin.Auth;
using L7Gate.Telemetry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace L7Gate.Admin.Stats;

/// <summary><c>GET /admin/stats</c>: proxied requests per cluster per 5 s over the last 10 minutes (the dashboard chart).</summary>
internal static class StatsEndpoints
{
    public static void Map(IEndpointRouteBuilder admin, IServiceProvider services)
    {
        var authorization = services.GetRequiredService<AdminAuthorization>();
        admin.MapGet("/stats", () =>
            {
                var history = services.GetService<RequestRateHistory>();
                return history is null
                    ? Results.Ok(new RequestRateSnapshot((int)RequestRateHistory.BucketWidth.TotalSeconds, DateTimeOffset.UnixEpoch, new Dictionary<string, long[]>()))
                    : Results.Ok(history.Snapshot());
            })
            .WithAdminAccess(AdminAccess.Read, authorization);
    }
}
