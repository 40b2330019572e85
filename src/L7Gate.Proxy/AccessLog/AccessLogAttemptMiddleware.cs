using Microsoft.AspNetCore.Http;

namespace L7Gate.Proxy.AccessLog;

/// <summary>
/// Proxy-pipeline step just inside the retry loop: it runs once per attempt, so the access log's <c>attempts</c>
/// counts what was actually sent to destinations.
/// </summary>
internal sealed class AccessLogAttemptMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (context.Features.Get<AccessLogEntry>() is { } entry)
        {
            entry.Attempts++;
        }

        return next(context);
    }
}
