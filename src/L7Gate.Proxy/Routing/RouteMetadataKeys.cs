namespace L7Gate.Proxy.Routing;

/// <summary>
/// YARP route metadata keys that carry L7Gate's extra match criteria. The config loader copies
/// <c>Match.Languages</c> / <c>Match.Browsers</c> into these keys as comma-separated lists, so any
/// YARP config source (file, memory, admin API) can express them.
/// </summary>
public static class RouteMetadataKeys
{
    /// <summary>Comma-separated language tags, e.g. <c>"zh-CN,zh"</c> (from <c>Match.Languages</c>).</summary>
    public const string Languages = "L7Gate.Languages";

    /// <summary>Comma-separated browser names, e.g. <c>"Edge,Mobile"</c> (from <c>Match.Browsers</c>).</summary>
    public const string Browsers = "L7Gate.Browsers";

    /// <summary>Splits a metadata list value into trimmed, non-empty items.</summary>
    public static string[] SplitList(string? value) =>
        string.IsNullOrWhiteSpace(value)
            ? []
            : value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
}
