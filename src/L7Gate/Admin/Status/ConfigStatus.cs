using L7Gate.Configuration;

namespace L7Gate.Admin.Status;

/// <summary>
/// The config being served, the last rejected candidate's errors, and the startup-only keys changed since start
/// (they apply at the next restart).
/// </summary>
public sealed record ConfigStatus(
    string Path, long Generation, IReadOnlyList<ConfigError> LastErrors, DateTimeOffset? LastErrorAt, IReadOnlyList<string> PendingRestart);
