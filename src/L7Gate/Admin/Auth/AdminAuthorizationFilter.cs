using Microsoft.AspNetCore.Http;

namespace L7Gate.Admin.Auth;

/// <summary>Endpoint filter applying <see cref="AdminAuthorization"/> to one admin route handler.</summary>
internal sealed class AdminAuthorizationFilter(AdminAuthorization authorization, AdminAccess access) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next) =>
        authorization.Check(context.HttpContext, access) ?? await next(context);
}
