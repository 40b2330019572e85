using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Yarp.ReverseProxy.Configuration;

namespace L7Gate.Proxy.Configuration;

/// <summary>
/// Reads a ReverseProxy section with YARP's own configuration reader, so every YARP key keeps exactly YARP's
/// meaning. YARP keeps that reader internal; a throwaway container around <c>LoadFromConfig</c> reaches it.
/// </summary>
internal static class YarpConfigReader
{
    public static IProxyConfig Read(IConfigurationSection reverseProxy)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddReverseProxy().LoadFromConfig(reverseProxy);
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IProxyConfigProvider>().GetConfig();
    }
}
