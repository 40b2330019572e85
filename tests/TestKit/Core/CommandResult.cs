namespace L7Gate.TestKit;

/// <summary>How a finished process ended: exit code and everything it printed.</summary>
/// <param name="ExitCode">The process exit code (-1 when it was killed after its time ran out).</param>
/// <param name="Output">Standard output and standard error, interleaved as they arrived.</param>
public sealed record CommandResult(int ExitCode, string Output)
{
    /// <summary>Standard output alone.</summary>
    public string Stdout { get; init; } = string.Empty;

    /// <summary>Standard error alone.</summary>
    public string Stderr { get; init; } = string.Empty;

    /// <summary>True when the process did not exit in time and was killed.</summary>
    public bool TimedOut { get; init; }
}
