using L7Gate.Admin.Auth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace L7Gate.Admin.Health;

/// <summary><c>GET /healthz</c> (the process answers) and <c>GET /readyz</c> (config loaded, listeners up).</summary>
internal static class HealthEndpoints
{
    public static void Map(IEndpointRouteBuilder root, IServiceProvider services)
    {
        var authorization = services.GetRequiredService<AdminAuthorization>();
        var readiness = services.GetRequiredService<AdminReadiness>();

        root.MapMethods("/healthz", [HttpMethods.Get, HttpMethods.Head], () => Results.Ok(new { status = "alive" }))
            .WithAdminAccess(AdminAccess.Read, authorization);

        root.MapMethods("/readyz", [HttpMethods.Get, HttpMethods.Head], () =>
        {
            var reasons = readiness.NotReadyReasons();
            return reasons.Count == 0
                ? Results.Ok(new { status = "ready" })
                : Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Not ready",
                    detail: string.Join("; ", reasons), extensions: new Dictionary<string, object?> { ["reasons"] = reasons });
        }).WithAdminAccess(AdminAccess.Read, authorization);
    }
}
