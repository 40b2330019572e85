using Microsoft.Extensions.Configuration;

namespace L7Gate.Configuration;

/// <summary>
/// The config file's keys as seen by <c>IConfiguration</c> and every <c>IOptionsMonitor</c>. Unlike the JSON file
/// provider it never reloads on its own: its data changes only to a candidate that passed whole-file validation.
/// </summary>
internal sealed class GatewayConfigProvider : ConfigurationProvider
{
    public GatewayConfigProvider(IDictionary<string, string?> initialData)
    {
        Data = new Dictionary<string, string?>(initialData, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>Replaces all keys at once and notifies configuration consumers.</summary>
    public void Replace(IDictionary<string, string?> data)
    {
        Data = new Dictionary<string, string?>(data, StringComparer.OrdinalIgnoreCase);
        OnReload();
    }

    // Load() is called by ConfigurationManager whenever sources change; the data is already in memory and must
    // not be re-read from disk without validation.
    public override void Load()
    {
    }
}
