using L7Gate.Configuration;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace L7Gate.Proxy.Tests.Infrastructure;

/// <summary>
/// The real L7Gate host (Program) through WebApplicationFactory, with its config file written by the test to a
/// temporary directory and passed as <c>--config</c>, exactly as an operator would.
/// </summary>
public sealed class GatewayHost : IAsyncDisposable
{
    private readonly WebApplicationFactory<Program> _factory;

    private GatewayHost(WebApplicationFactory<Program> factory, string configPath, bool kestrel)
    {
        _factory = factory;
        ConfigPath = configPath;
        Client = kestrel
            ? new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { BaseAddress = KestrelAddress(factory.Services) }
            : factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
    }

    private static Uri KestrelAddress(IServiceProvider services)
    {
        var address = services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new Uri(address.Replace("[::]", "127.0.0.1").Replace("0.0.0.0", "127.0.0.1").Replace("localhost", "127.0.0.1"));
    }

    public string ConfigPath { get; }

    public HttpClient Client { get; }

    public IServiceProvider Services => _factory.Services;

    public IGatewayConfig Config => Services.GetRequiredService<IGatewayConfig>();

    public static Task<GatewayHost> StartAsync(string configJson, Action<IServiceCollection>? services = null) =>
        StartAsync(configJson, services, kestrel: false);

    /// <summary>
    /// The same host on real Kestrel (a loopback listener on a dynamic port, <see cref="ProxyAddress"/>), for what
    /// the in-memory test server cannot show: connection limits, timeouts, the raw request target.
    /// </summary>
    public static Task<GatewayHost> StartKestrelAsync(string configJson) => StartAsync(configJson, null, kestrel: true);

    /// <summary>Address of the proxy listener when started with <see cref="StartKestrelAsync"/>.</summary>
    public Uri ProxyAddress => Client.BaseAddress!;

    private static Task<GatewayHost> StartAsync(string configJson, Action<IServiceCollection>? services, bool kestrel)
    {
        var directory = Directory.CreateTempSubdirectory("l7gate-proxy-test-");
        var path = Path.Combine(directory.FullName, "l7gate.json");
        File.WriteAllText(path, configJson);
        var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseSetting("config", path);
            if (services is not null)
            {
                builder.ConfigureTestServices(services);
            }
        });
        if (kestrel)
        {
            factory.UseKestrel(0);
            factory.StartServer();
        }

        return Task.FromResult(new GatewayHost(factory, path, kestrel));
    }

    /// <summary>Rewrites the config file as an editor would, for the file watch to pick up.</summary>
    public Task WriteConfigAsync(string json) => File.WriteAllTextAsync(ConfigPath, json);

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _factory.DisposeAsync();
        try
        {
            Directory.Delete(Path.GetDirectoryName(ConfigPath)!, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
