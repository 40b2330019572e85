using System.Net;
using System.Net.Sockets;
using L7Gate.Proxy.Streams;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace L7Gate.Proxy.Tests.Streams;

/// <summary>The real L7Gate host on real Kestrel (WebApplicationFactory.UseKestrel): L4 listeners need sockets.</summary>
public sealed class StreamsGateway : IAsyncDisposable
{
    private readonly WebApplicationFactory<Program> _factory;
    private readonly string _directory;

    private StreamsGateway(WebApplicationFactory<Program> factory, string directory)
    {
        _factory = factory;
        _directory = directory;
    }

    public IServiceProvider Services => _factory.Services;

    /// <summary>
    /// Starts L7Gate with <paramref name="streams"/> (the Streams section) and <paramref name="clusters"/>
    /// (ReverseProxy:Clusters); <paramref name="sections"/> adds top-level sections (<c>"AccessLog": { … }</c>).
    /// </summary>
    public static Task<StreamsGateway> StartAsync(string streams, string clusters, string? sections = null)
    {
        var json = $$"""
            {
              "Urls": "http://127.0.0.1:0",
              "Admin": { "Urls": "http://127.0.0.1:0" },
              "ReverseProxy": { "Routes": {}, "Clusters": {{clusters}} },
              "Streams": {{streams}}{{(sections is null ? "" : ",\n" + sections)}}
            }
            """;
        var directory = Directory.CreateTempSubdirectory("l7gate-streams-test-").FullName;
        var path = Path.Combine(directory, "l7gate.json");
        File.WriteAllText(path, json);
        var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder => builder.UseSetting("config", path));
        factory.UseKestrel();
        factory.StartServer();
        return Task.FromResult(new StreamsGateway(factory, directory));
    }

    public IPEndPoint Listener(string name) =>
        Services.GetRequiredService<StreamListenerEndpoints>().For(name) ?? throw new InvalidOperationException($"listener {name} not bound");

    /// <summary>A TCP connection to listener <paramref name="name"/>.</summary>
    public async Task<Socket> ConnectAsync(string name)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(Listener(name));
        return socket;
    }

    public async ValueTask DisposeAsync()
    {
        await _factory.DisposeAsync();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
