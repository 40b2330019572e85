using Microsoft.AspNetCore.Http;

namespace L7Gate.Proxy.Health;

/// <summary>problem+json bodies (RFC 9457) for the gateway's own answers, so a client or operator sees which
/// cluster failed and why instead of YARP's empty 502/503.</summary>
internal static class ProxyProblems
{
    public static Task WriteUnavailableAsync(HttpContext context, string clusterId, int destinationCount)
    {
        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        return WriteAsync(context, "No available destination",
            $"Cluster '{clusterId}' has no available destination: all {destinationCount} are unhealthy, draining or disabled.", clusterId);
    }

    public static Task WriteForwardingFailedAsync(HttpContext context, string clusterId, string? destinationId, int attempts)
    {
        if (context.Response.HasStarted || context.RequestAborted.IsCancellationRequested)
        {
            return Task.CompletedTask;
        }

        var status = context.Response.StatusCode is >= 500 and <= 599 ? context.Response.StatusCode : StatusCodes.Status502BadGateway;
        context.Response.StatusCode = status;
        var title = status == StatusCodes.Status504GatewayTimeout ? "Destination timed out" : "Bad gateway";
        return WriteAsync(context, title,
            $"Cluster '{clusterId}': destination '{destinationId ?? "(none)"}' failed after {attempts} attempt(s).", clusterId);
    }

    private static Task WriteAsync(HttpContext context, string title, string detail, string clusterId)
    {
        // Only our own error answers: a destination's 5xx response that is passed through keeps its own body.
        if (context.Response.ContentLength > 0 || context.Response.HasStarted)
        {
            return Task.CompletedTask;
        }

        return Results.Problem(
            detail: detail,
            statusCode: context.Response.StatusCode,
            title: title,
            extensions: new Dictionary<string, object?> { ["cluster"] = clusterId }).ExecuteAsync(context);
    }
}
