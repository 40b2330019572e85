namespace L7Gate.Demo;

/// <summary>
/// <c>GET /demo/backends</c>, <c>POST /demo/backends/{name}/stop</c> and <c>/start</c> on the gateway listener, ahead
/// of the proxy routes, only while demo backends run: stop one to watch retries and health checks at work.
/// </summary>
internal sealed partial class DemoEndpointsStartupFilter(DemoBackends backends, ILogger<DemoEndpointsStartupFilter> logger) : IStartupFilter
{
    private const string Prefix = "/demo/backends";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        // The Demo section is read once at startup: without demo backends the proxy pipeline gets no extra step.
        if (!backends.Enabled)
        {
            next(app);
            return;
        }

        app.Use(async (context, nextMiddleware) =>
        {
            if (!context.Request.Path.StartsWithSegments(Prefix, out var rest))
            {
                await nextMiddleware(context);
                return;
            }

            await HandleAsync(context, rest.Value ?? string.Empty);
        });
        next(app);
    };

    private async Task HandleAsync(HttpContext context, string rest)
    {
        var segments = rest.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length == 0 && HttpMethods.IsGet(context.Request.Method))
        {
            await context.Response.WriteAsJsonAsync(backends.All.Select(Describe));
            return;
        }

        if (segments.Length != 2 || !HttpMethods.IsPost(context.Request.Method) || segments[1] is not ("stop" or "start"))
        {
            await Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown demo endpoint",
                detail: "Use GET /demo/backends, POST /demo/backends/{name}/stop or POST /demo/backends/{name}/start.").ExecuteAsync(context);
            return;
        }

        if (backends.Find(segments[0]) is not { } backend)
        {
            await Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown demo backend",
                detail: $"No demo backend '{segments[0]}'; known: {string.Join(", ", backends.All.Select(b => b.Name))}.").ExecuteAsync(context);
            return;
        }

        if (segments[1] == "stop")
        {
            await backend.StopAsync(context.RequestAborted);
        }
        else
        {
            await backend.StartAsync(context.RequestAborted);
        }

        LogDemoBackendChanged(logger, backend.Name, segments[1]);
        await context.Response.WriteAsJsonAsync(Describe(backend));
    }

    private static object Describe(DemoBackend backend) => new { name = backend.Name, url = backend.Url, running = backend.Running };

    [LoggerMessage(EventId = 1502, Level = LogLevel.Information, Message = "Demo backend {Backend}: {Action} requested")]
    private static partial void LogDemoBackendChanged(ILogger logger, string backend, string action);
}
