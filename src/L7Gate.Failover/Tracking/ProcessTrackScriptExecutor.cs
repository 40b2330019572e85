using System.ComponentModel;
using System.Diagnostics;
using System.Text;
using L7Gate.Failover.Options;

namespace L7Gate.Failover.Tracking;

/// <summary>
/// Runs a track script as a child process without a shell (<see cref="ProcessStartInfo.ArgumentList"/>), stdin closed,
/// stdout and stderr captured (the first <see cref="OutputLimit"/> characters kept for the log). When the timeout —
/// measured on <paramref name="timeProvider"/> — passes, the whole process tree is killed.
/// </summary>
public sealed class ProcessTrackScriptExecutor(TimeProvider timeProvider) : ITrackScriptExecutor
{
    /// <summary>Characters of output kept per run.</summary>
    public const int OutputLimit = 1024;

    /// <inheritdoc />
    public async Task<TrackScriptResult> RunAsync(TrackScriptOptions script, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(script);
        var start = new ProcessStartInfo(script.Path)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in script.Arguments)
        {
            start.ArgumentList.Add(argument);
        }

        if (!string.IsNullOrEmpty(script.User))
        {
            start.UserName = script.User;
        }

        // The timeout counts from before the start, so a script's first effects are always inside it.
        using var timeout = new CancellationTokenSource(script.EffectiveTimeout, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
        var output = new BoundedOutput(OutputLimit);
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => output.Append(e.Data);
        process.ErrorDataReceived += (_, e) => output.Append(e.Data);
        try
        {
            process.Start();
        }
        catch (Exception ex) when (ex is Win32Exception or InvalidOperationException or PlatformNotSupportedException)
        {
            return new TrackScriptResult(false, null, "", $"could not start: {ex.Message}");
        }

        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await process.WaitForExitAsync(linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // No wait for the pipes' end after the kill: a child that escaped the tree could hold them open forever.
            Kill(process);
            cancellationToken.ThrowIfCancellationRequested();
            return new TrackScriptResult(false, null, output.ToString(), $"still running after {script.EffectiveTimeout:c}; killed");
        }

        return new TrackScriptResult(process.ExitCode == 0, process.ExitCode, output.ToString(), null);
    }

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It exited on its own meanwhile.
        }
    }

    private sealed class BoundedOutput(int limit)
    {
        private readonly StringBuilder _text = new();

        public void Append(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (_text)
            {
                if (_text.Length < limit)
                {
                    if (_text.Length > 0)
                    {
                        _text.Append(" | ");
                    }

                    _text.Append(line.AsSpan(0, Math.Min(line.Length, limit - _text.Length)));
                }
            }
        }

        public override string ToString()
        {
            lock (_text)
            {
                return _text.ToString();
            }
        }
    }
}
