using System.Runtime.InteropServices;
using Microsoft.Extensions.Hosting;

namespace L7Gate.Configuration;

/// <summary>
/// Watches the config file and hands changes to <see cref="GatewayConfig"/>. Its own watch replaces the JSON
/// provider's reloadOnChange, whose half-written or malformed file would clear the data. File-system events are
/// debounced (editors write in several steps); a slow poll backs them up where inotify misses changes (bind
/// mounts, Kubernetes ConfigMap symlink swaps). SIGHUP asks for an immediate re-read, as with nginx and HAProxy;
/// without a handler it would terminate the process.
/// </summary>
internal sealed class ConfigFileWatcher(GatewayConfig config, TimeProvider timeProvider) : BackgroundService
{
    /// <summary>Quiet time after the last change event before the file is read.</summary>
    public static readonly TimeSpan Debounce = TimeSpan.FromMilliseconds(250);

    /// <summary>Fallback re-read period; reading and comparing a small file is cheap.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var changed = new SemaphoreSlim(0);
        using var watcher = CreateWatcher(config.ConfigPath, () => changed.Release());
        using var hangup = OperatingSystem.IsWindows() ? null : PosixSignalRegistration.Create(PosixSignal.SIGHUP, context =>
        {
            context.Cancel = true;
            changed.Release();
        });
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                using var poll = new CancellationTokenSource(PollInterval, timeProvider);
                using var linked = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, poll.Token);
                try
                {
                    await changed.WaitAsync(linked.Token);
                    await Task.Delay(Debounce, timeProvider, stoppingToken);
                    while (changed.CurrentCount > 0)
                    {
                        await changed.WaitAsync(stoppingToken);
                    }
                }
                catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
                {
                    // Poll period elapsed without an event.
                }

                await config.ReloadFromFileAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    private static FileSystemWatcher? CreateWatcher(string path, Action onChange)
    {
        var directory = Path.GetDirectoryName(path);
        if (directory is null || !Directory.Exists(directory))
        {
            return null;
        }

        var watcher = new FileSystemWatcher(directory, Path.GetFileName(path))
        {
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.CreationTime,
        };
        watcher.Changed += (_, _) => onChange();
        watcher.Created += (_, _) => onChange();
        watcher.Renamed += (_, _) => onChange();
        watcher.Deleted += (_, _) => onChange();
        watcher.EnableRaisingEvents = true;
        return watcher;
    }
}
