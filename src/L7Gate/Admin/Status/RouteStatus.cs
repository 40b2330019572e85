namespace L7Gate.Admin.Status;

/// <summary>One proxy route as YARP serves it, with L7Gate's language and browser matches.</summary>
public sealed record RouteStatus(
    string RouteId,
    string? ClusterId,
    int? Order,
    string? Path,
    IReadOnlyList<string>? Hosts,
    IReadOnlyList<string>? Methods,
    IReadOnlyList<string>? Languages,
    IReadOnlyList<string>? Browsers);
