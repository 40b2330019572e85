using System.Net;
using System.Net.Sockets;
using L7Gate.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace L7Gate.Admin.Tests.Hosting;

/// <summary>Configured listener URLs against the addresses a real Kestrel reports as bound.</summary>
public class ListenerBindingsTests
{
    [Fact]
    public async Task Unbound_EndpointNotBound_Named()
    {
        using var held = new TcpListener(IPAddress.Loopback, 0);
        held.Start();
        var notBound = $"http://127.0.0.1:{((IPEndPoint)held.LocalEndpoint).Port}";
        await using var app = await StartKestrelAsync("http://127.0.0.1:0");

        var unbound = ListenerBindings.Unbound(["http://127.0.0.1:0", notBound], app.Urls);

        Assert.Equal([notBound], unbound);
    }

    [Fact]
    public async Task Unbound_WildcardLocalhostAndDynamicPort_AllMatchWhatKestrelReports()
    {
        var port = FreePort();
        string[] configured = [$"http://*:{port}", "http://127.0.0.1:0"];
        await using var app = await StartKestrelAsync(configured);

        Assert.Empty(ListenerBindings.Unbound(configured, app.Urls));
        Assert.Equal([$"http://localhost:{port}"], ListenerBindings.Unbound([$"http://localhost:{port}", .. configured], app.Urls));
    }

    private static async Task<WebApplication> StartKestrelAsync(params string[] urls)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(urls);
        var app = builder.Build();
        await app.StartAsync();
        return app;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
