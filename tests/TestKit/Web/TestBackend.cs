using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace L7Gate.TestKit;

/// <summary>
/// A real Kestrel backend on 127.0.0.1 with a dynamic port that can be stopped (connections refused) and started again
/// on the same port. <c>/health</c> answers <see cref="Healthy"/>; <c>/slow</c> waits until <see cref="ReleaseSlow"/>;
/// everything else is answered as <see cref="Behavior"/> says, with an <c>X-Backend</c> header naming it.
/// </summary>
public sealed class TestBackend : IAsyncDisposable
{
    private WebApplication? _app;
    private TaskCompletionSource _slowGate = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _requests;
    private int _streamsCut;
    private int _streamsEnded;
    private long _streamedBytes;
    private int _slowWaiting;

    private TestBackend(string name) => Name = name;

    /// <summary>The name it answers with.</summary>
    public string Name { get; }

    /// <summary>The port, kept across stop and start.</summary>
    public int Port { get; private set; }

    /// <summary>http://127.0.0.1:port/</summary>
    public string Url => $"http://127.0.0.1:{Port}/";

    /// <summary>How proxied requests are answered.</summary>
    public BackendBehavior Behavior { get; set; } = BackendBehavior.Ok;

    /// <summary>The body of an <see cref="BackendBehavior.Ok"/> answer.</summary>
    public BackendBody Body { get; set; } = BackendBody.Echo;

    /// <summary>The status <see cref="BackendBehavior.Status"/> answers.</summary>
    public int FailureStatus { get; set; } = 503;

    /// <summary>Per-path behaviours (exact request path) that override <see cref="Behavior"/>, e.g. one hanging path.</summary>
    public ConcurrentDictionary<string, BackendBehavior> PathBehaviors { get; } = new(StringComparer.Ordinal);

    /// <summary>Delay before answering a proxied request (an in-flight request to drain).</summary>
    public TimeSpan ResponseDelay { get; set; } = TimeSpan.Zero;

    /// <summary>What <c>/health</c> answers: 200 when true, 503 when false.</summary>
    public bool Healthy { get; set; } = true;

    /// <summary>Proxied requests received (health probes excluded).</summary>
    public int Requests => Volatile.Read(ref _requests);

    /// <summary>The <c>traceparent</c> header of the last request, if any.</summary>
    public string? LastTraceParent { get; private set; }

    /// <summary>Size of a <see cref="BackendBehavior.Stream"/> answer.</summary>
    public long StreamBytes { get; set; } = 256L * 1024 * 1024;

    /// <summary><see cref="BackendBehavior.Stream"/> answers whose writes failed because the proxy gave up on them.</summary>
    public int StreamsCut => Volatile.Read(ref _streamsCut);

    /// <summary><see cref="BackendBehavior.Stream"/> answers that have ended, cut or complete: the backend's send is no longer held.</summary>
    public int StreamsEnded => Volatile.Read(ref _streamsEnded);

    /// <summary>Bytes of <see cref="BackendBehavior.Stream"/> answers the proxy accepted, all streams together.</summary>
    public long StreamedBytes => Interlocked.Read(ref _streamedBytes);

    /// <summary>Requests currently held in <c>/slow</c>.</summary>
    public int SlowWaiting => Volatile.Read(ref _slowWaiting);

    /// <summary>Starts a backend on a free port.</summary>
    public static async Task<TestBackend> StartAsync(string name, BackendBody body = BackendBody.Echo)
    {
        var backend = new TestBackend(name) { Body = body };
        await backend.StartAsync();
        return backend;
    }

    /// <summary>(Re)starts the listener on <see cref="Port"/> (a free one the first time).</summary>
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
            ReleaseSlow();
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    /// <summary>Lets every request held in <c>/slow</c> complete.</summary>
    public void ReleaseSlow() => Interlocked.Exchange(ref _slowGate, new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    /// <summary>Starts counting requests from zero.</summary>
    public void ResetCount() => Interlocked.Exchange(ref _requests, 0);

    /// <inheritdoc />
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
        LastTraceParent = context.Request.Headers["traceparent"].FirstOrDefault();
        var body = await new StreamReader(context.Request.Body).ReadToEndAsync();
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
            case BackendBehavior.Stream:
                await StreamAsync(context);
                return;
            case BackendBehavior.Status:
                context.Response.StatusCode = FailureStatus;
                await context.Response.WriteAsync($"{Name} failed");
                return;
            default:
                context.Response.Headers["X-Backend"] = Name;
                await context.Response.WriteAsync(Body == BackendBody.Name
                    ? Name
                    : $"{Name} {context.Request.Method} {context.Request.Path}{context.Request.QueryString} body={body}");
                return;
        }
    }

    private async Task StreamAsync(HttpContext context)
    {
        context.Response.ContentLength = StreamBytes;
        var chunk = new byte[64 * 1024];
        try
        {
            // Kestrel completes writes to an aborted connection without an error, so the abort token is what says
            // the proxy gave up.
            for (var sent = 0L; sent < StreamBytes && !context.RequestAborted.IsCancellationRequested; sent += chunk.Length)
            {
                var size = (int)Math.Min(chunk.Length, StreamBytes - sent);
                await context.Response.Body.WriteAsync(chunk.AsMemory(0, size), context.RequestAborted);
                Interlocked.Add(ref _streamedBytes, size);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or ObjectDisposedException)
        {
            // counted below
        }

        if (context.RequestAborted.IsCancellationRequested)
        {
            Interlocked.Increment(ref _streamsCut);
        }

        Interlocked.Increment(ref _streamsEnded);
    }
}
