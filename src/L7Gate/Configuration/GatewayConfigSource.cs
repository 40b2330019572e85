using Microsoft.Extensions.Configuration;

namespace L7Gate.Configuration;

/// <summary>Puts the L7Gate config file into the configuration layering where appsettings.json would be.</summary>
internal sealed class GatewayConfigSource(GatewayConfigProvider provider) : IConfigurationSource
{
    public IConfigurationProvider Build(IConfigurationBuilder builder) => provider;
}
