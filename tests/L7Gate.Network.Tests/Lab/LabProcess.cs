namespace L7Gate.Network.Tests.Lab;

/// <summary>
/// A long-running process inside a namespace: the test kit's <see cref="ChildProcess"/> run through
/// <c>ip netns exec</c> (which execs the program, so the pid is the program's own), its output time-stamped for the
/// test's failure message.
/// </summary>
public sealed class LabProcess : IDisposable
{
    private readonly ChildProcess _child;
    private int _disposed;

    private LabProcess(string name, ChildProcess child)
    {
        Name = name;
        _child = child;
    }

    /// <summary>A label for messages ("n1 L7Gate", "keepalived on n2").</summary>
    public string Name { get; }

    /// <summary>The program's pid.</summary>
    public int Pid => _child.Pid;

    /// <summary>Whether the process is still running.</summary>
    public bool IsRunning => _child.IsRunning;

    /// <summary>Everything the process wrote so far.</summary>
    public string Output => _child.Output;

    /// <summary>Exit code (the process must have exited).</summary>
    public int ExitCode => _child.ExitCode;

    /// <summary>Starts <paramref name="file"/> in <paramref name="netns"/>.</summary>
    public static LabProcess Start(string name, string netns, string file, IEnumerable<string> arguments, IDictionary<string, string>? environment = null) =>
        new(name, ChildProcess.Start(file, arguments, new ChildProcessOptions
        {
            Name = name,
            Netns = netns,
            Timestamps = true,
            Environment = environment?.Select(e => new KeyValuePair<string, string?>(e.Key, e.Value)),
        }));

    /// <summary>SIGTERM: the graceful stop a service manager sends.</summary>
    public void Terminate() => _child.Terminate();

    /// <summary>SIGKILL: a crash, nothing runs afterwards.</summary>
    public void KillHard() => _child.KillHard();

    /// <summary>Waits for the process to exit; true when it did in time.</summary>
    public bool WaitForExit(TimeSpan timeout) => _child.WaitForExit(timeout);

    /// <summary>As <see cref="WaitForExit"/>, without blocking a thread the test's client may need meanwhile.</summary>
    public Task<bool> WaitForExitAsync(TimeSpan timeout) => _child.WaitForExitAsync(timeout);

    /// <summary>Waits until the output contains <paramref name="text"/>.</summary>
    public Task<bool> WaitForOutputAsync(string text, TimeSpan timeout) => _child.WaitForOutputAsync(text, timeout);

    /// <inheritdoc />
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _child.KillHard();
            _child.Dispose();
        }
    }
}
