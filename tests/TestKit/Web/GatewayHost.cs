using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using L7Gate.Configuration;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace L7Gate.TestKit;

/// <summary>
/// The real L7Gate host (Program) through WebApplicationFactory, with its config file written by the test to a
/// temporary directory and passed as <c>--config</c>, exactly as an operator would. With no sockets there is no
/// second listener, so the admin routes are served on the same in-memory pipeline; listener separation is tested
/// with <see cref="GatewayProcess"/>.
/// </summary>
public sealed class GatewayHost : IAsyncDisposable
{
    private readonly WebApplicationFactory<Program> _factory;

    private GatewayHost(WebApplicationFactory<Program> factory, string configPath)
    {
        _factory = factory;
        ConfigPath = configPath;
        Client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        Admin = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        Admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestApiKey.Value);
    }

    /// <summary>The config file the host was started with (and watches).</summary>
    public string ConfigPath { get; }

    /// <summary>A client without credentials.</summary>
    public HttpClient Client { get; }

    /// <summary>A client sending the test API key.</summary>
    public HttpClient Admin { get; }

    /// <summary>The host's services.</summary>
    public IServiceProvider Services => _factory.Services;

    /// <summary>The host's current config.</summary>
    public IGatewayConfig Config => Services.GetRequiredService<IGatewayConfig>();

    /// <summary>Starts the host on <paramref name="config"/>.</summary>
    public static GatewayHost Start(JsonObject config, Action<IServiceCollection>? services = null) =>
        Start(config.ToJsonString(), services);

    /// <summary>Starts the host on the JSON text <paramref name="configJson"/>.</summary>
    public static Task<GatewayHost> StartAsync(string configJson, Action<IServiceCollection>? services = null) =>
        Task.FromResult(Start(configJson, services));

    /// <summary>Rewrites the config file as an editor would, for the file watch to pick up.</summary>
    public Task WriteConfigAsync(string json) => File.WriteAllTextAsync(ConfigPath, json);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        Admin.Dispose();
        await _factory.DisposeAsync();
        try
        {
            Directory.Delete(Path.GetDirectoryName(ConfigPath)!, recursive: true);
        }
        catch (IOException)
        {
            // best effort
        }
    }

    private static GatewayHost Start(string configJson, Action<IServiceCollection>? services)
    {
        var directory = Directory.CreateTempSubdirectory("l7gate-test-");
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
        return new GatewayHost(factory, path);
    }
}
