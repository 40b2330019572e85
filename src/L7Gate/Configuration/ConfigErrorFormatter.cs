namespace L7Gate.Configuration;

/// <summary>One line per error, "Key:Path: message", as printed at startup and by <c>--check</c>.</summary>
internal static class ConfigErrorFormatter
{
    public static string Format(ConfigError error, string configFile) =>
        string.IsNullOrEmpty(error.Path) ? $"{configFile}: {error.Message}" : $"{error.Path}: {error.Message}";
}
