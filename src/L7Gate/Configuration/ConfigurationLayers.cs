using Microsoft.Extensions.Configuration;

namespace L7Gate.Configuration;

/// <summary>
/// A candidate's effective configuration: the candidate file's keys with every layer that sits above the config
/// file (environment variables, command line, test overrides) applied on top, as the running host would see it.
/// </summary>
internal static class ConfigurationLayers
{
    public static IConfiguration Effective(IConfiguration live, IConfigurationProvider fileLayer, IDictionary<string, string?> candidate)
    {
        var merged = new Dictionary<string, string?>(candidate, StringComparer.OrdinalIgnoreCase);
        if (live is IConfigurationRoot root)
        {
            foreach (var provider in root.Providers.SkipWhile(p => !ReferenceEquals(p, fileLayer)).Skip(1))
            {
                Flatten(provider, null, merged);
            }
        }

        return new ConfigurationBuilder().AddInMemoryCollection(merged).Build();
    }

    private static void Flatten(IConfigurationProvider provider, string? parentPath, Dictionary<string, string?> into)
    {
        foreach (var key in provider.GetChildKeys([], parentPath).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            var path = parentPath is null ? key : ConfigurationPath.Combine(parentPath, key);
            if (provider.TryGet(path, out var value) && value is not null)
            {
                into[path] = value;
            }

            Flatten(provider, path, into);
        }
    }
}
