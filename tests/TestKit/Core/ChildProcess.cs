using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace L7Gate.TestKit;

/// <summary>
/// The one launcher of child processes for every test tier: the gateway under <c>dotnet</c>, the published apphost,
/// keepalived or L7Gate inside a network namespace. Output is collected (stdout, stderr and both interleaved) for
/// assertions and failure messages; disposing kills the process tree.
/// </summary>
public sealed class ChildProcess : IDisposable, IAsyncDisposable
{
    private const int SIGTERM = 15;
    private const int SIGKILL = 9;

    private readonly Process _process;
    private readonly ChildProcessOptions _options;
    private readonly StringBuilder _output = new();
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();
    private readonly Lock _lock = new();
    private readonly TaskCompletionSource _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _disposed;

    private ChildProcess(Process process, ChildProcessOptions options)
    {
        _process = process;
        _options = options;
    }

    /// <summary>A label for messages.</summary>
    public string Name => _options.Name ?? Path.GetFileName(_process.StartInfo.FileName);

    /// <summary>The program's pid.</summary>
    public int Pid => _process.Id;

    /// <summary>Whether the process is still running.</summary>
    public bool IsRunning => !_process.HasExited;

    /// <summary>True once the process has exited.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>Exit code (the process must have exited).</summary>
    public int ExitCode => _process.ExitCode;

    /// <summary>Completes when the process exits.</summary>
    public Task Exited => _exited.Task;

    /// <summary>Everything the process wrote so far, stdout and stderr interleaved.</summary>
    public string Output => Read(_output);

    /// <summary>What the process wrote to stdout so far.</summary>
    public string Stdout => Read(_stdout);

    /// <summary>What the process wrote to stderr so far.</summary>
    public string Stderr => Read(_stderr);

    /// <summary>Starts <paramref name="fileName"/> with <paramref name="arguments"/>.</summary>
    public static ChildProcess Start(string fileName, IEnumerable<string> arguments, ChildProcessOptions? options = null)
    {
        options ??= new ChildProcessOptions();
        var info = new ProcessStartInfo(options.Netns is null ? fileName : "ip")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (options.WorkingDirectory is { } directory)
        {
            info.WorkingDirectory = directory;
        }

        var all = options.Netns is { } netns ? new[] { "netns", "exec", netns, fileName }.Concat(arguments) : arguments;
        foreach (var argument in all)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in options.Environment ?? [])
        {
            if (value is null)
            {
                info.Environment.Remove(key);
            }
            else
            {
                info.Environment[key] = value;
            }
        }

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var child = new ChildProcess(process, options);
        process.OutputDataReceived += (_, e) => child.Append(e.Data, child._stdout);
        process.ErrorDataReceived += (_, e) => child.Append(e.Data, child._stderr);
        process.Exited += (_, _) => child._exited.TrySetResult();
        if (!process.Start())
        {
            throw new InvalidOperationException($"Could not start {fileName}");
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>Runs a program to completion; killed (and <see cref="CommandResult.TimedOut"/>) after <paramref name="timeout"/>.</summary>
    public static async Task<CommandResult> RunAsync(
        string fileName, IEnumerable<string> arguments, TimeSpan timeout, ChildProcessOptions? options = null)
    {
        await using var child = Start(fileName, arguments, options);
        if (!await child.WaitForExitAsync(timeout))
        {
            child.KillHard();
            return new CommandResult(-1, $"timed out after {timeout}\n{child.Output}")
            {
                Stdout = child.Stdout, Stderr = child.Stderr, TimedOut = true,
            };
        }

        return new CommandResult(child.ExitCode, child.Output) { Stdout = child.Stdout, Stderr = child.Stderr };
    }

    /// <summary>As <see cref="RunAsync"/>, blocking: for short commands (iproute2, sysctl) in synchronous lab set-up.</summary>
    public static CommandResult Run(string fileName, IEnumerable<string> arguments, TimeSpan timeout, ChildProcessOptions? options = null)
    {
        using var child = Start(fileName, arguments, options);
        if (!child.WaitForExit(timeout))
        {
            child.KillHard();
            return new CommandResult(-1, $"timed out after {timeout}\n{child.Output}")
            {
                Stdout = child.Stdout, Stderr = child.Stderr, TimedOut = true,
            };
        }

        child._process.WaitForExit(); // drains the redirected streams
        return new CommandResult(child.ExitCode, child.Output) { Stdout = child.Stdout, Stderr = child.Stderr };
    }

    /// <summary>SIGTERM: the graceful stop a service manager (or <c>docker stop</c>) sends.</summary>
    public void Terminate()
    {
        if (IsRunning)
        {
            _ = kill(Pid, SIGTERM);
        }
    }

    /// <summary>SIGKILL: a crash, nothing runs afterwards.</summary>
    public void KillHard()
    {
        if (IsRunning)
        {
            _ = kill(Pid, SIGKILL);
            _process.WaitForExit(5_000);
        }
    }

    /// <summary>Waits for the process to exit; true when it did in time.</summary>
    public bool WaitForExit(TimeSpan timeout) => _process.WaitForExit(timeout);

    /// <summary>As <see cref="WaitForExit"/>, without blocking a thread; the output streams are drained when it returns true.</summary>
    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancel.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>Waits until the output contains <paramref name="text"/>; false when the time ran out or the process exited without it.</summary>
    public async Task<bool> WaitForOutputAsync(string text, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (Output.Contains(text, StringComparison.Ordinal))
            {
                return true;
            }

            if (HasExited)
            {
                await WaitForExitAsync(TimeSpan.FromSeconds(5));
                return Output.Contains(text, StringComparison.Ordinal);
            }

            await Task.Delay(20);
        }

        return false;
    }

    /// <summary>
    /// Polls <paramref name="url"/> until it answers <paramref name="expected"/> (any status when null); throws with the
    /// process output when the process exits first or the time runs out.
    /// </summary>
    public async Task<HttpResponseMessage> WaitForHttpAsync(Uri url, TimeSpan timeout, int? expected = 200)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var clock = Stopwatch.StartNew();
        var last = "no attempt";
        while (clock.Elapsed < timeout)
        {
            if (HasExited)
            {
                throw new InvalidOperationException($"{Name} exited with {ExitCode} before {url} answered:\n{Output}");
            }

            try
            {
                var response = await client.GetAsync(url);
                if (expected is null || (int)response.StatusCode == expected)
                {
                    return response;
                }

                last = $"{(int)response.StatusCode}";
                response.Dispose();
            }
            catch (HttpRequestException ex)
            {
                last = ex.Message;
            }
            catch (TaskCanceledException)
            {
                last = "timeout";
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"{url} did not answer {expected?.ToString() ?? "at all"} within {timeout} (last: {last}):\n{Output}");
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            if (IsRunning)
            {
                try
                {
                    _process.Kill(entireProcessTree: true);
                }
                catch (InvalidOperationException)
                {
                    // exited in between
                }

                _process.WaitForExit(5_000);
            }

            _process.Dispose();
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    private string Read(StringBuilder text)
    {
        lock (_lock)
        {
            return text.ToString();
        }
    }

    private void Append(string? line, StringBuilder stream)
    {
        if (line is null)
        {
            return;
        }

        lock (_lock)
        {
            stream.AppendLine(line);
            if (_options.Timestamps)
            {
                _output.Append(DateTime.UtcNow.ToString("HH:mm:ss.fff")).Append(' ');
            }

            _output.AppendLine(line);
        }

        _options.OnLine?.Invoke(line);
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int signal);
}
