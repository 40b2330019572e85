using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace L7Gate.Proxy.Tests.Infrastructure;

/// <summary>A real Kestrel backend on 127.0.0.1 with a dynamic port that can be stopped (connections refused) and started again on the same port.</summary>
public sealed class TestBackend : IAsyncDisposable
{
    private WebApplication? _app;
    private int _requests;

    private TestBackend(string name) => Name = name;

    public string Name { get; }

    public int Port { get; private set; }

    public string Url => $"http://127.0.0.1:{Port}/";

    public BackendBehavior Behavior { get; set; } = BackendBehavior.Ok;

    public int FailureStatus { get; set; } = 503;

    /// <summary>Per-path behaviours (exact request path) that override <see cref="Behavior"/>, e.g. one hanging path.</summary>
    public ConcurrentDictionary<string, BackendBehavior> PathBehaviors { get; } = new(StringComparer.Ordinal);

    /// <summary>Delay before answering a proxied request (an in-flight request to drain).</summary>
    public TimeSpan ResponseDelay { get; set; } = TimeSpan.Zero;

    /// <summary>What /health answers: 200 when true, 503 when false.</summary>
    public bool Healthy { get; set; } = true;

    /// <summary>Proxied requests received (health probes excluded).</summary>
    public int Requests => Volatile.Read(ref _requests);

    public static async Task<TestBackend> StartAsync(string name)
    {
        var backend = new TestBackend(name);
        await backend.StartAsync();
        return backend;
    }

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k => k.Listen(IPAddress.Loopback, Port));
        var app = builder.Build();
        app.Run(HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Port = new Uri(address).Port;
        _app = app;
    }

    /// <summary>Closes the listener: new connections are refused, as with a crashed backend.</summary>
    public async Task StopAsync()
    {
        if (_app is { } app)
        {
            _app = null;
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    public void ResetCount() => Interlocked.Exchange(ref _requests, 0);

    public async ValueTask DisposeAsync() => await StopAsync();

    private async Task HandleAsync(HttpContext context)
    {
        if (context.Request.Path == "/health")
        {
            context.Response.StatusCode = Healthy ? 200 : 503;
            await context.Response.WriteAsync(Healthy ? "ok" : "unhealthy");
            return;
        }

        Interlocked.Increment(ref _requests);
        var body = await new StreamReader(context.Request.Body).ReadToEndAsync();
        if (ResponseDelay > TimeSpan.Zero)
        {
            await Task.Delay(ResponseDelay);
        }

        switch (PathBehaviors.TryGetValue(context.Request.Path.Value ?? "", out var pathBehavior) ? pathBehavior : Behavior)
        {
            case BackendBehavior.Hang:
                await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { });
                return;
            case BackendBehavior.Echo:
                var echo = new
                {
                    RawTarget = context.Features.Get<IHttpRequestFeature>()!.RawTarget,
                    Headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
                };
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync(JsonSerializer.Serialize(echo));
                return;
            case BackendBehavior.Reset:
                context.Abort();
                return;
            case BackendBehavior.Status:
                context.Response.StatusCode = FailureStatus;
                await context.Response.WriteAsync($"{Name} failed");
                return;
            default:
                context.Response.Headers["X-Backend"] = Name;
                await context.Response.WriteAsync($"{Name} {context.Request.Method} {context.Request.Path}{context.Request.QueryString} body={body}");
                return;
        }
    }
}
