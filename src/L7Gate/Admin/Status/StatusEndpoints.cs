using L7Gate.Admin.Auth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace L7Gate.Admin.Status;

/// <summary><c>GET /admin/status</c>.</summary>
internal static class StatusEndpoints
{
    public static void Map(IEndpointRouteBuilder admin, IServiceProvider services)
    {
        var status = services.GetRequiredService<AdminStatusService>();
        var authorization = services.GetRequiredService<AdminAuthorization>();
        admin.MapGet("/status", () => Results.Ok(status.GetStatus()))
            .WithAdminAccess(AdminAccess.Read, authorization);
    }
}
