using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using L7Gate.Proxy.Streams.Configuration;
using Microsoft.Extensions.Options;
using Yarp.ReverseProxy;

namespace L7Gate.Proxy.Warmup;

/// <summary>
/// Runs the warm-up once the listeners are bound: every route's shaped request, <see cref="WarmupOptions.RequestsPerRoute"/>
/// times (within <see cref="WarmupOptions.MaxRequests"/>), through the proxy listener on loopback, four at a time.
/// </summary>
internal sealed partial class WarmupService(
    IOptions<WarmupOptions> options,
    IOptions<StreamsOptions> streams,
    IServer server,
    IProxyStateLookup proxyState,
    WarmupMarker marker,
    WarmupSink sink,
    WarmupStatus status,
    IHostApplicationLifetime lifetime,
    TimeProvider time,
    ILogger<WarmupService> logger) : BackgroundService
{
    private const int Parallelism = 4;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.Enabled)
        {
            status.Skip("disabled (Warmup:Enabled is false)");
            return;
        }

        if (!await WaitStartedAsync(stoppingToken))
        {
            return;
        }

        // L4 listeners are endpoints of the same server: a warm-up request sent there would be relayed to a real backend.
        var streamPorts = streams.Value.Listeners.Values.SelectMany(l => l.Endpoints)
            .Select(StreamBindAddress.TryParse).Where(a => a is not null).Select(a => a!.Port).ToHashSet();
        var listener = ListenerAddress(server.Features.Get<IServerAddressesFeature>()?.Addresses, streamPorts);
        if (listener is null)
        {
            status.Skip("no proxy listener address to send to");
            LogSkipped(logger, "no proxy listener address to send to");
            return;
        }

        sink.Use(listener);
        var requests = Plan(settings);
        var started = time.GetTimestamp();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        timeout.CancelAfter(settings.Timeout);
        using var client = CreateClient(listener);
        var failures = 0;
        var sent = 0;
        try
        {
            await Parallel.ForEachAsync(requests, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = timeout.Token },
                async (request, token) =>
                {
                    Interlocked.Increment(ref sent);
                    if (!await SendAsync(client, request, token))
                    {
                        Interlocked.Increment(ref failures);
                    }
                });
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            LogTimedOut(logger, settings.Timeout, sent, requests.Count);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        var elapsed = time.GetElapsedTime(started);
        status.Complete(sent, failures, elapsed);
        LogCompleted(logger, sent, proxyState.GetRoutes().Count(), failures, elapsed.TotalMilliseconds);
    }

    /// <summary>The requests in the order sent: round after round over the routes, so a cap still covers every route.</summary>
    private List<WarmupRequest> Plan(WarmupOptions settings)
    {
        var shaped = proxyState.GetRoutes().Select(r => WarmupRequestBuilder.For(r.Config)).ToList();
        var plan = new List<WarmupRequest>();
        for (var round = 0; round < settings.RequestsPerRoute && shaped.Count > 0; round++)
        {
            foreach (var request in shaped)
            {
                if (plan.Count == settings.MaxRequests)
                {
                    return plan;
                }

                plan.Add(request);
            }
        }

        return plan;
    }

    private async Task<bool> SendAsync(HttpClient client, WarmupRequest request, CancellationToken token)
    {
        using var message = new HttpRequestMessage(new HttpMethod(request.Method), request.PathAndQuery);
        message.Headers.TryAddWithoutValidation(WarmupMarker.RequestHeader, marker.Value);
        if (request.Host is not null)
        {
            message.Headers.Host = request.Host;
        }

        foreach (var (name, value) in request.Headers)
        {
            message.Headers.TryAddWithoutValidation(name, value);
        }

        try
        {
            using var response = await client.SendAsync(message, token);
            await response.Content.ReadAsByteArrayAsync(token);
            // The sink answers 200; anything else is a route whose pipeline answered itself (a 404 for a
            // template the shaper could not fill, a 403 from an allow list): the code still ran.
            return response.StatusCode == HttpStatusCode.OK;
        }
        catch (HttpRequestException ex)
        {
            LogRequestFailed(logger, request.RouteId, ex.Message);
            return false;
        }
    }

    private async Task<bool> WaitStartedAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var a = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        using var b = stoppingToken.Register(() => started.TrySetCanceled());
        try
        {
            await started.Task;
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private static HttpClient CreateClient(Uri listener) =>
        new(new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            UseCookies = false,
            // The gateway's own listener: its certificate is whatever the operator configured for clients.
            SslOptions = { RemoteCertificateValidationCallback = (_, _, _, _) => true },
        })
        {
            BaseAddress = listener,
            Timeout = TimeSpan.FromSeconds(10),
        };

    /// <summary>
    /// The first HTTP proxy listener as a loopback URL (a wildcard bind is reached on 127.0.0.1 or [::1]), skipping
    /// the ports of L4 listeners.
    /// </summary>
    internal static Uri? ListenerAddress(IEnumerable<string>? addresses, IReadOnlySet<int>? excludedPorts = null)
    {
        foreach (var address in addresses ?? [])
        {
            var normalised = address.Replace("://+:", "://127.0.0.1:", StringComparison.Ordinal)
                .Replace("://*:", "://127.0.0.1:", StringComparison.Ordinal);
            if (!Uri.TryCreate(normalised, UriKind.Absolute, out var uri) || uri.Port <= 0 || excludedPorts?.Contains(uri.Port) == true)
            {
                continue;
            }

            var host = uri.Host switch
            {
                "0.0.0.0" => "127.0.0.1",
                "[::]" or "::" => "[::1]",
                _ => uri.Host,
            };
            return new UriBuilder(uri.Scheme, host, uri.Port, "/").Uri;
        }

        return null;
    }

    [LoggerMessage(EventId = 2790, Level = LogLevel.Information,
        Message = "Warm-up: {Requests} requests over {Routes} routes through the proxy pipeline in {ElapsedMs:0} ms ({Failures} not answered by the sink)")]
    private static partial void LogCompleted(ILogger logger, int requests, int routes, int failures, double elapsedMs);

    [LoggerMessage(EventId = 2791, Level = LogLevel.Warning, Message = "Warm-up skipped: {Reason}")]
    private static partial void LogSkipped(ILogger logger, string reason);

    [LoggerMessage(EventId = 2792, Level = LogLevel.Warning, Message = "Warm-up stopped after {Timeout}: {Sent} of {Planned} requests sent")]
    private static partial void LogTimedOut(ILogger logger, TimeSpan timeout, int sent, int planned);

    [LoggerMessage(EventId = 2793, Level = LogLevel.Debug, Message = "Warm-up request for route {RouteId} failed: {Reason}")]
    private static partial void LogRequestFailed(ILogger logger, string routeId, string reason);
}
