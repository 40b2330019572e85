using System.Diagnostics;
using L7Gate.Failover.Diagnostics;
using Microsoft.Extensions.Logging;

namespace L7Gate.Failover.Notify;

/// <summary>
/// Runs notify scripts as child processes, off the engine thread: the script is started on the thread
/// pool, its exit is awaited there, and one still running after its timeout is killed.
/// </summary>
public sealed class ProcessNotifyScriptRunner(ILogger<ProcessNotifyScriptRunner> logger, TimeProvider timeProvider) : INotifyScriptRunner
{
    /// <inheritdoc />
    public void Start(string instance, string path, IReadOnlyList<string> arguments, TimeSpan timeout) =>
        _ = Task.Run(() => RunAsync(instance, path, arguments, timeout));

    private async Task RunAsync(string instance, string path, IReadOnlyList<string> arguments, TimeSpan timeout)
    {
        try
        {
            var start = new ProcessStartInfo(path) { UseShellExecute = false, RedirectStandardInput = false };
            foreach (var argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start) ?? throw new InvalidOperationException($"{path} did not start");
            FailoverLog.NotifyScriptStarted(logger, instance, path, string.Join(' ', arguments));
            using var cts = new CancellationTokenSource(timeout, timeProvider);
            try
            {
                await process.WaitForExitAsync(cts.Token).ConfigureAwait(false);
                if (process.ExitCode != 0)
                {
                    throw new InvalidOperationException($"exit code {process.ExitCode}");
                }
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"still running after {timeout}; killed");
            }
        }
        catch (Exception ex)
        {
            FailoverLog.NotifyScriptFailed(logger, ex, instance, path);
        }
    }
}
