using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using L7Gate.Configuration;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace L7Gate.Admin.Tests.Infrastructure;

/// <summary>
/// The real L7Gate host (Program) on WebApplicationFactory's in-memory server, its config file written to a temp
/// directory and passed as <c>--config</c>. With no sockets there is no second listener, so the admin routes are
/// served on the same in-memory pipeline (see AdminServer.InMemory); listener separation is tested with
/// <see cref="GatewayProcess"/>.
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
        Admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestConfig.ApiKey);
    }

    public string ConfigPath { get; }

    /// <summary>A client without credentials.</summary>
    public HttpClient Client { get; }

    /// <summary>A client sending the test API key.</summary>
    public HttpClient Admin { get; }

    public IServiceProvider Services => _factory.Services;

    public IGatewayConfig Config => Services.GetRequiredService<IGatewayConfig>();

    public static GatewayHost Start(JsonObject config, Action<IServiceCollection>? services = null)
    {
        var directory = Directory.CreateTempSubdirectory("l7gate-admin-test-");
        var path = Path.Combine(directory.FullName, "l7gate.json");
        File.WriteAllText(path, config.ToJsonString());
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
        }
    }
}
