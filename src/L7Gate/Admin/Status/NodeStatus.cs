namespace L7Gate.Admin.Status;

/// <summary>Which node answered and for how long it has run.</summary>
public sealed record NodeStatus(string Name, string Version, DateTimeOffset StartedAt, double UptimeSeconds);
