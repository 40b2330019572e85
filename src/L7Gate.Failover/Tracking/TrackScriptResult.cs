namespace L7Gate.Failover.Tracking;

/// <summary>The outcome of one track-script run.</summary>
/// <param name="Success">Exit code 0 within the timeout.</param>
/// <param name="ExitCode">The exit code; null when the script did not start or was killed.</param>
/// <param name="Output">The start of its standard output and error, for the log.</param>
/// <param name="Error">Why it failed without an exit code (could not start, timed out), else null.</param>
public sealed record TrackScriptResult(bool Success, int? ExitCode, string Output, string? Error);
