namespace L7Gate.Proxy.Configuration;

/// <summary>Turns FluentValidation property names ("Instances[VI_1].Priority") into IConfiguration key paths.</summary>
public static class ConfigPath
{
    /// <summary>Appends a FluentValidation property name to a configuration path, colon-separated.</summary>
    public static string Combine(string sectionPath, string? propertyName)
    {
        if (string.IsNullOrEmpty(propertyName))
        {
            return sectionPath;
        }

        var relative = propertyName.Replace("].", ":", StringComparison.Ordinal)
            .Replace('[', ':')
            .Replace(']', ':')
            .Replace('.', ':')
            .TrimEnd(':');
        return string.IsNullOrEmpty(sectionPath) ? relative : $"{sectionPath}:{relative}";
    }
}
