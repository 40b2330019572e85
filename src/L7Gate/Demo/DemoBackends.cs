using Microsoft.Extensions.Options;

namespace L7Gate.Demo;

/// <summary>Starts the configured sample backends with the host and stops them with it.</summary>
internal sealed partial class DemoBackends(IOptions<DemoOptions> options, ILogger<DemoBackends> logger) : IHostedLifecycleService
{
    private readonly Dictionary<string, DemoBackend> _backends = new(StringComparer.OrdinalIgnoreCase);

    public bool Enabled => options.Value.Enabled && options.Value.Backends.Count > 0;

    public IReadOnlyCollection<DemoBackend> All => _backends.Values;

    public DemoBackend? Find(string name) => _backends.GetValueOrDefault(name);

    // Started before the other hosted services (the gateway listener included) so the first requests and
    // health probes find them up.
    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        if (!Enabled)
        {
            return;
        }

        foreach (var configured in options.Value.Backends)
        {
            if (DemoOptionsValidator.TryGetEndPoint(configured.Url, out var endPoint))
            {
                var backend = new DemoBackend(configured.Name, endPoint);
                _backends[configured.Name] = backend;
                try
                {
                    await backend.StartAsync(cancellationToken);
                    LogStarted(logger, configured.Name, backend.Url);
                }
                catch (IOException ex)
                {
                    // A demo port taken (a second instance, another service) must not stop the gateway: the
                    // destination simply stays down, which the demo then shows as such.
                    LogStartFailed(logger, configured.Name, backend.Url, ex.Message);
                }
            }
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    // Stopped after the gateway listener so in-flight demo requests complete.
    public async Task StoppedAsync(CancellationToken cancellationToken)
    {
        foreach (var backend in _backends.Values)
        {
            await backend.StopAsync(cancellationToken);
        }
    }

    [LoggerMessage(EventId = 1501, Level = LogLevel.Information,
        Message = "Demo backend {Backend} listening on {Url} (demo mode: remove the Demo section in production)")]
    private static partial void LogStarted(ILogger logger, string backend, string url);

    [LoggerMessage(EventId = 1503, Level = LogLevel.Error,
        Message = "Demo backend {Backend} could not listen on {Url}: {Reason}; it stays down")]
    private static partial void LogStartFailed(ILogger logger, string backend, string url, string reason);
}
