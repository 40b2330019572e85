using L7Gate.Configuration;
using Microsoft.AspNetCore.Hosting;
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

    private GatewayHost(WebApplicationFactory<Program> factory, string configPath)
    {
        _factory = factory;
        ConfigPath = configPath;
        Client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
    }

    public string ConfigPath { get; }

    public HttpClient Client { get; }

    public IServiceProvider Services => _factory.Services;

    /// <summary>The in-memory server, for requests that set what a socket would (client address and port).</summary>
    public TestServer Server => _factory.Server;

    public IGatewayConfig Config => Services.GetRequiredService<IGatewayConfig>();

    public static Task<GatewayHost> StartAsync(string configJson, Action<IServiceCollection>? services = null)
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
        return Task.FromResult(new GatewayHost(factory, path));
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
