using System.Net;

namespace L7Gate.Demo;

/// <summary>
/// One in-process sample backend on loopback. Stopping it closes its listener, so the gateway sees connections
/// refused exactly as with a crashed backend.
/// </summary>
internal sealed class DemoBackend(string name, IPEndPoint endPoint) : IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private WebApplication? _app;

    public string Name => name;

    public string Url => $"http://{endPoint}";

    public bool Running => _app is not null;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_app is not null)
            {
                return;
            }

            var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
            builder.WebHost.UseKestrelCore().ConfigureKestrel(k => k.Listen(endPoint));
            var app = builder.Build();
            app.Run(HandleAsync);
            await app.StartAsync(cancellationToken);
            _app = app;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_app is { } app)
            {
                _app = null;
                await app.StopAsync(cancellationToken);
                await app.DisposeAsync();
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync(CancellationToken.None);

    private Task HandleAsync(HttpContext context)
    {
        if (context.Request.Path == "/health")
        {
            return context.Response.WriteAsync("ok");
        }

        var request = context.Request;
        return context.Response.WriteAsJsonAsync(new
        {
            backend = name,
            method = request.Method,
            path = request.Path.Value,
            query = request.QueryString.Value,
            host = request.Headers.Host.ToString(),
            route = request.Headers["X-L7Gate-Route"].ToString(),
            acceptLanguage = request.Headers.AcceptLanguage.ToString(),
            userAgent = request.Headers.UserAgent.ToString(),
            forwardedFor = request.Headers["X-Forwarded-For"].ToString(),
        });
    }
}
