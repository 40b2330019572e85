namespace L7Gate.TestKit;

/// <summary>How <see cref="ChildProcess"/> starts a program.</summary>
public sealed class ChildProcessOptions
{
    /// <summary>A label for failure messages ("n1 L7Gate", "keepalived on n2").</summary>
    public string? Name { get; init; }

    /// <summary>Working directory; the current one when null.</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>Variables to set; a null value removes the variable the test runner would pass on.</summary>
    public IEnumerable<KeyValuePair<string, string?>>? Environment { get; init; }

    /// <summary>A network namespace to run in (<c>ip netns exec</c> execs the program, so the pid is its own).</summary>
    public string? Netns { get; init; }

    /// <summary>Prefix every collected line with the time it arrived (for timing failures in the network lab).</summary>
    public bool Timestamps { get; init; }

    /// <summary>Called for every line as it arrives (stdout or stderr), e.g. to learn a listening address.</summary>
    public Action<string>? OnLine { get; init; }
}
