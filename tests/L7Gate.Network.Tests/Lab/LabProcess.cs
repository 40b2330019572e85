using System.Diagnostics;
using System.Text;

namespace L7Gate.Network.Tests.Lab;

/// <summary>
/// A long-running process inside a namespace (<c>ip netns exec</c> execs the program, so the pid is the
/// program's own). Its stdout and stderr are collected for assertions and for the test's failure message.
/// </summary>
public sealed class LabProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly Lock _outputLock = new();
    private int _disposed;

    private LabProcess(string name, Process process)
    {
        Name = name;
        _process = process;
    }

    /// <summary>A label for messages ("n1 L7Gate", "keepalived on n2").</summary>
    public string Name { get; }

    /// <summary>The program's pid.</summary>
    public int Pid => _process.Id;

    /// <summary>Whether the process is still running.</summary>
    public bool IsRunning => !_process.HasExited;

    /// <summary>Everything the process wrote so far.</summary>
    public string Output
    {
        get
        {
            lock (_outputLock)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts <paramref name="file"/> in <paramref name="netns"/>.</summary>
    public static LabProcess Start(string name, string netns, string file, IEnumerable<string> arguments, IDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo("ip")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "netns", "exec", netns, file }.Concat(arguments))
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var lab = new LabProcess(name, process);
        process.OutputDataReceived += (_, e) => lab.Append(e.Data);
        process.ErrorDataReceived += (_, e) => lab.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return lab;
    }

    /// <summary>SIGTERM: the graceful stop a service manager sends.</summary>
    public void Terminate() => NativeMethods.kill(Pid, NativeMethods.SIGTERM);

    /// <summary>SIGKILL: a crash, nothing runs afterwards.</summary>
    public void KillHard()
    {
        if (IsRunning)
        {
            NativeMethods.kill(Pid, NativeMethods.SIGKILL);
            _process.WaitForExit(5_000);
        }
    }

    /// <summary>Waits for the process to exit; true when it did in time.</summary>
    public bool WaitForExit(TimeSpan timeout) => _process.WaitForExit(timeout);

    /// <summary>As <see cref="WaitForExit"/>, without blocking a thread the test's client may need meanwhile.</summary>
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

    /// <summary>Exit code (the process must have exited).</summary>
    public int ExitCode => _process.ExitCode;

    /// <summary>Waits until the output contains <paramref name="text"/>.</summary>
    public async Task<bool> WaitForOutputAsync(string text, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (Output.Contains(text, StringComparison.Ordinal))
            {
                return true;
            }

            await Task.Delay(20);
        }

        return false;
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            KillHard();
            _process.Dispose();
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_outputLock)
        {
            _output.Append(DateTime.UtcNow.ToString("HH:mm:ss.fff")).Append(' ').AppendLine(line);
        }
    }
}
