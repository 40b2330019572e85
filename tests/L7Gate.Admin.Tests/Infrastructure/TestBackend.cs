using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace L7Gate.Admin.Tests.Infrastructure;

/// <summary>A real Kestrel backend on 127.0.0.1 with a dynamic port. <c>/slow</c> waits until <see cref="ReleaseSlow"/>.</summary>
public sealed class TestBackend : IAsyncDisposable
{
    private readonly WebApplication _app;
    private TaskCompletionSource _slowGate = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _requests;
    private int _slowWaiting;

    private TestBackend(string name, WebApplication app)
    {
        Name = name;
        _app = app;
    }

    public string Name { get; }

    public string Url { get; private set; } = string.Empty;

    /// <summary>What <c>/health</c> answers: 200 when true, 503 when false.</summary>
    public bool Healthy { get; set; } = true;

    /// <summary>Requests received other than health probes.</summary>
    public int Requests => Volatile.Read(ref _requests);

    /// <summary>The <c>traceparent</c> header of the last request, if any.</summary>
    public string? LastTraceParent { get; private set; }

    /// <summary>Requests currently held in <c>/slow</c>.</summary>
    public int SlowWaiting => Volatile.Read(ref _slowWaiting);

    public static async Task<TestBackend> StartAsync(string name)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var backend = new TestBackend(name, app);
        app.Run(backend.HandleAsync);
        await app.StartAsync();
        backend.Url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/') + "/";
        return backend;
    }

    /// <summary>Lets every request held in <c>/slow</c> complete.</summary>
    public void ReleaseSlow() => Interlocked.Exchange(ref _slowGate, new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    public async ValueTask DisposeAsync()
    {
        ReleaseSlow();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        if (context.Request.Path == "/health")
        {
            context.Response.StatusCode = Healthy ? 200 : 503;
            await context.Response.WriteAsync(Healthy ? "ok" : "unhealthy");
            return;
        }

        Interlocked.Increment(ref _requests);
        LastTraceParent = context.Request.Headers["traceparent"].FirstOrDefault();
        if (context.Request.Path.StartsWithSegments("/slow"))
        {
            var gate = Volatile.Read(ref _slowGate).Task;
            Interlocked.Increment(ref _slowWaiting);
            try
            {
                await gate.WaitAsync(TimeSpan.FromSeconds(30));
            }
            finally
            {
                Interlocked.Decrement(ref _slowWaiting);
            }
        }

        context.Response.Headers["X-Backend"] = Name;
        await context.Response.WriteAsync(Name);
    }
}
