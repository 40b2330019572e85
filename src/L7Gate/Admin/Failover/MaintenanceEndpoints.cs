using L7Gate.Admin.Auth;
using L7Gate.Failover.Control;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace L7Gate.Admin.Failover;

/// <summary><c>POST|DELETE /admin/failover/{instance}/maintenance</c>: planned handover of an instance's VIPs, and back.</summary>
internal static class MaintenanceEndpoints
{
    public static void Map(IEndpointRouteBuilder admin, IServiceProvider services)
    {
        var authorization = services.GetRequiredService<AdminAuthorization>();
        var logger = services.GetRequiredService<ILogger<AdminAuthorization>>();

        admin.MapPost("/failover/{instance}/maintenance", (string instance, HttpContext context) =>
                Handle(instance, context, enter: true))
            .WithAdminAccess(AdminAccess.Write, authorization);
        admin.MapDelete("/failover/{instance}/maintenance", (string instance, HttpContext context) =>
                Handle(instance, context, enter: false))
            .WithAdminAccess(AdminAccess.Write, authorization);

        async Task<IResult> Handle(string instance, HttpContext context, bool enter)
        {
            // No Failover section means no engine registration: every instance name is unknown.
            var control = services.GetService<IFailoverControl>();
            var known = control is not null && (enter
                ? await control.EnterMaintenanceAsync(instance, context.RequestAborted)
                : await control.LeaveMaintenanceAsync(instance, context.RequestAborted));
            if (!known)
            {
                return authorization.Refuse(context, AdminRejectReason.UnknownTarget, StatusCodes.Status404NotFound,
                    "Unknown failover instance", $"There is no failover instance '{instance}'.");
            }

            AdminLog.Maintenance(logger, instance, enter ? "entered" : "left", context.Connection.RemoteIpAddress?.ToString());
            var status = control!.Instances.FirstOrDefault(i => string.Equals(i.Name, instance, StringComparison.Ordinal));
            return Results.Ok(status);
        }
    }
}
