namespace L7Gate.Proxy.Routing;

/// <summary>Reads the comma-separated lists the config loader writes into route metadata.</summary>
internal static class MetadataList
{
    /// <summary>Splits a metadata list value into trimmed, non-empty items.</summary>
    public static string[] Split(string? value) =>
        string.IsNullOrWhiteSpace(value)
            ? []
            : value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
}
