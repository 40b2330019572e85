using L7Gate.Proxy.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace L7Gate.Proxy.Forwarding;

/// <summary>First step of the proxy pipeline: answers <c>TRACE</c> with 405 unless <c>Forwarding:AllowTrace</c> is true (nginx answers 405 too).</summary>
internal sealed class TraceRefusalMiddleware(RequestDelegate next, IOptionsMonitor<ForwardingOptions> options, ProxyMetrics metrics)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (!HttpMethods.IsTrace(context.Request.Method) || options.CurrentValue.AllowTrace)
        {
            return next(context);
        }

        metrics.Refused("trace");
        context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
        context.Response.Headers.Allow = "GET, HEAD, POST, PUT, DELETE, PATCH, OPTIONS";
        return Results.Problem(
            title: "Method not allowed",
            detail: "TRACE is not forwarded (Forwarding:AllowTrace is false).",
            statusCode: StatusCodes.Status405MethodNotAllowed).ExecuteAsync(context);
    }
}
