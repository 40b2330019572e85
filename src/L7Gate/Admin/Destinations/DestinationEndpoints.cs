using L7Gate.Admin.Auth;
using L7Gate.Proxy.Health;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Yarp.ReverseProxy;

namespace L7Gate.Admin.Destinations;

/// <summary><c>POST /admin/clusters/{cluster}/destinations/{destination}/{drain|enable|disable}</c>.</summary>
internal static class DestinationEndpoints
{
    public static void Map(IEndpointRouteBuilder admin, IServiceProvider services)
    {
        var lookup = services.GetRequiredService<IProxyStateLookup>();
        var states = services.GetRequiredService<IDestinationAdminStates>();
        var authorization = services.GetRequiredService<AdminAuthorization>();
        var logger = services.GetRequiredService<ILogger<AdminAuthorization>>();

        foreach (var (action, state) in new[]
                 {
                     ("drain", DestinationAdminState.Draining),
                     ("enable", DestinationAdminState.Active),
                     ("disable", DestinationAdminState.Disabled),
                 })
        {
            admin.MapPost($"/clusters/{{cluster}}/destinations/{{destination}}/{action}", (string cluster, string destination, HttpContext context) =>
            {
                if (!lookup.TryGetCluster(cluster, out var clusterState))
                {
                    return authorization.Refuse(context, AdminRejectReason.UnknownTarget, StatusCodes.Status404NotFound,
                        "Unknown cluster", $"There is no cluster '{cluster}'.");
                }

                if (!clusterState.Destinations.TryGetValue(destination, out var destinationState))
                {
                    return authorization.Refuse(context, AdminRejectReason.UnknownTarget, StatusCodes.Status404NotFound,
                        "Unknown destination", $"Cluster '{clusterState.ClusterId}' has no destination '{destination}'.");
                }

                // Stored under the ids as configured, so the state follows the destination across reloads.
                states.Set(clusterState.ClusterId, destinationState.DestinationId, state);
                AdminLog.DestinationStateSet(logger, clusterState.ClusterId, destinationState.DestinationId, state.ToString(),
                    context.Connection.RemoteIpAddress?.ToString());
                return Results.Ok(new
                {
                    cluster = clusterState.ClusterId,
                    destination = destinationState.DestinationId,
                    adminState = states.Get(clusterState.ClusterId, destinationState.DestinationId).ToString(),
                    inFlight = destinationState.ConcurrentRequestCount,
                });
            }).WithAdminAccess(AdminAccess.Write, authorization);
        }
    }
}
