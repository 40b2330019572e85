using L7Gate.Configuration;

namespace L7Gate.Admin.Status;

/// <summary>The config being served and the last rejected candidate's errors.</summary>
public sealed record ConfigStatus(string Path, long Generation, IReadOnlyList<ConfigError> LastErrors, DateTimeOffset? LastErrorAt);
