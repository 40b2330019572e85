using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace L7Gate.Admin.Auth;

/// <summary>Attaches the admin auth check to a route handler.</summary>
internal static class AdminEndpointConventions
{
    /// <summary>Requires the bearer key as <paramref name="access"/> says, and tags the endpoint with it.</summary>
    public static RouteHandlerBuilder WithAdminAccess(this RouteHandlerBuilder builder, AdminAccess access, AdminAuthorization authorization) =>
        builder.WithMetadata(access).AddEndpointFilter(new AdminAuthorizationFilter(authorization, access));
}
