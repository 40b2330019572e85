using L7Gate.Admin.Config;
using L7Gate.Admin.Status;
using L7Gate.Telemetry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace L7Gate.Admin;

/// <summary>
/// The admin listener: a second, minimal web application with its own Kestrel bound to <c>Admin:Urls</c>, whose
/// handlers use the host's services. Separate servers rather than one Kestrel with both listeners: the proxy's
/// pipeline never sees an admin route and the admin pipeline has no proxy route, by construction rather than by a
/// filter on ports or Host headers that a request could get around; and the proxy's own <c>Urls</c> /
/// <c>Kestrel:Endpoints</c> stay exactly as configured. When the host runs on an in-memory test server (no
/// sockets at all), the admin routes are mapped on the host's pipeline instead; see <see cref="AdminHostingExtensions.MapL7GateAdmin"/>.
/// </summary>
public sealed class AdminServer(
    IServiceProvider services,
    IServer hostServer,
    IOptions<AdminOptions> options,
    ILoggerFactory loggerFactory,
    IHostEnvironment environment,
    ILogger<AdminServer> logger) : IHostedService, IAsyncDisposable
{
    private WebApplication? _app;

    /// <summary>
    /// True when the host runs on ASP.NET Core's in-memory TestServer (WebApplicationFactory), which has no sockets.
    /// Recognised by its assembly: TestServer exposes the same features as a real server, and the product does not
    /// reference the test host package.
    /// </summary>
    public bool InMemory => hostServer.GetType().Assembly.GetName().Name == "Microsoft.AspNetCore.TestHost";

    /// <summary>The addresses the admin listener is bound to (actual ports when configured with port 0); empty in memory.</summary>
    public IReadOnlyList<string> Urls { get; private set; } = [];

    /// <summary>The <c>Admin:Urls</c> entries the listener was started with; empty in memory.</summary>
    public IReadOnlyList<string> ConfiguredUrls { get; private set; } = [];

    /// <summary>True once the listener is bound (or when there is nothing to bind, in memory).</summary>
    public bool IsListening => InMemory || _app is not null;

    /// <summary>Binds the admin listener; a bind failure fails the host's start.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // Uptime counts from the host's start.
        services.GetRequiredService<AdminStatusService>();
        if (InMemory)
        {
            AdminLog.InMemoryServer(logger);
            return;
        }

        var current = options.Value;
        var errors = new AdminOptionsValidator().Validate(current).Errors;
        if (errors.Count > 0)
        {
            // Normally caught earlier by whole-file validation; this keeps the listener from ever opening without a key.
            throw new InvalidOperationException("Admin listener not started: " + string.Join(" ", errors.Select(e => e.ErrorMessage)));
        }

        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions
        {
            ApplicationName = environment.ApplicationName,
            EnvironmentName = environment.EnvironmentName,
            ContentRootPath = environment.ContentRootPath,
        });
        // Validated above (and with the whole file), so an https:// listener has a loadable certificate here.
        var certificate = AdminCertificate.AnyHttps(current.Urls) ? AdminCertificate.TryLoad(current.Certificate, out _) : null;
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = ConfigEndpoints.MaxConfigBytes;
            if (certificate is not null)
            {
                kestrel.ConfigureHttpsDefaults(https => https.ServerCertificate = certificate);
            }
        });
        if (certificate is not null)
        {
            builder.WebHost.UseKestrelHttpsConfiguration();
        }
        builder.WebHost.UseUrls([.. AdminUrls.Split(current.Urls)]);
        // The host owns the process lifetime (signals, "Application started" logs); this listener only follows it.
        builder.Services.AddSingleton<IHostLifetime, AdminHostLifetime>();
        builder.Services.AddSingleton<ILoggerFactory>(new AdminLoggerFactory(loggerFactory));
        builder.Services.AddRouting();
        builder.Services.AddProblemDetails();
        builder.Services.AddSingleton<AdminListenerMarker>();

        var app = builder.Build();
        app.UseStatusCodePages();
        AdminEndpoints.Map(app, services);
        app.MapFallback(() => Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found",
            detail: "No admin endpoint here; see GET /admin/status, /admin/config, /healthz, /readyz, /metrics, /admin/."));

        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch (IOException ex)
        {
            // Typically "address already in use": say which setting to change before the host gives up.
            AdminLog.BindFailed(logger, current.Urls, ex.Message);
            await app.DisposeAsync();
            throw new InvalidOperationException($"Admin listener could not bind Admin:Urls '{current.Urls}': {ex.Message}", ex);
        }

        _app = app;
        ConfiguredUrls = AdminUrls.Split(current.Urls);
        Urls = [.. app.Urls];
        foreach (var url in Urls)
        {
            AdminLog.Listening(logger, url);
        }
    }

    /// <summary>Stops the admin listener (before the proxy's, hosted services stop in reverse order).</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_app is { } app)
        {
            await app.StopAsync(cancellationToken);
            AdminLog.Stopped(logger);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_app is { } app)
        {
            _app = null;
            await app.DisposeAsync();
        }
    }
}
