namespace L7Gate.Deploy.Tests.Infrastructure;

/// <summary>How a finished process ended: exit code and everything it printed.</summary>
/// <param name="ExitCode">The process exit code.</param>
/// <param name="Output">Standard output and standard error, interleaved as they arrived.</param>
public sealed record CommandResult(int ExitCode, string Output);
