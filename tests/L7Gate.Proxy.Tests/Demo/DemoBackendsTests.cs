using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using L7Gate.Proxy.Tests.Infrastructure;

namespace L7Gate.Proxy.Tests.Demo;

/// <summary>The Demo section's in-process backends and their stop/start endpoints, through the real host.</summary>
public sealed class DemoBackendsTests
{
    [Fact]
    public async Task Demo_StopOneOfTwoBackends_TrafficKeepsFlowingThenReturns()
    {
        var (port1, port2) = (FreePort(), FreePort());
        await using var gateway = await GatewayHost.StartAsync($$"""
        {
          "Demo": { "Backends": [ { "Name": "en-1", "Url": "http://127.0.0.1:{{port1}}" }, { "Name": "en-2", "Url": "http://127.0.0.1:{{port2}}" } ] },
          "ReverseProxy": {
            "Routes": { "all": { "ClusterId": "en", "Match": { "Path": "/{**rest}" } } },
            "Clusters": { "en": { "LoadBalancingPolicy": "RoundRobin", "Destinations": {
              "en-1": { "Address": "http://127.0.0.1:{{port1}}/" }, "en-2": { "Address": "http://127.0.0.1:{{port2}}/" } } } }
          }
        }
        """);

        var listed = await gateway.Client.GetFromJsonAsync<JsonElement>("/demo/backends");
        Assert.Equal(2, listed.GetArrayLength());
        Assert.All(listed.EnumerateArray(), b => Assert.True(b.GetProperty("running").GetBoolean()));
        Assert.Equal(["en-1", "en-2"], (await BackendsAnsweringAsync(gateway, 4)).Distinct().Order());

        using var stopped = await gateway.Client.PostAsync("/demo/backends/en-1/stop", null);
        Assert.False((await stopped.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("running").GetBoolean());
        Assert.Equal(["en-2"], (await BackendsAnsweringAsync(gateway, 6)).Distinct());

        using var started = await gateway.Client.PostAsync("/demo/backends/en-1/start", null);
        Assert.True((await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("running").GetBoolean());
        Assert.Contains("en-1", await BackendsAnsweringAsync(gateway, 4));
    }

    [Fact]
    public async Task Demo_PortAlreadyTaken_GatewayStartsAndThatBackendStaysDown()
    {
        using var squatter = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        squatter.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        squatter.Listen();
        var taken = ((IPEndPoint)squatter.LocalEndPoint!).Port;
        var free = FreePort();
        await using var gateway = await GatewayHost.StartAsync($$"""
        {
          "Demo": { "Backends": [ { "Name": "taken", "Url": "http://127.0.0.1:{{taken}}" }, { "Name": "ok", "Url": "http://127.0.0.1:{{free}}" } ] },
          "ReverseProxy": {
            "Routes": { "all": { "ClusterId": "ok", "Match": { "Path": "/{**rest}" } } },
            "Clusters": { "ok": { "Destinations": { "ok": { "Address": "http://127.0.0.1:{{free}}/" } } } }
          }
        }
        """);

        var listed = await gateway.Client.GetFromJsonAsync<JsonElement>("/demo/backends");

        var running = listed.EnumerateArray().ToDictionary(b => b.GetProperty("name").GetString()!, b => b.GetProperty("running").GetBoolean());
        Assert.False(running["taken"]);
        Assert.True(running["ok"]);
        Assert.Equal(["ok"], await BackendsAnsweringAsync(gateway, 1));
    }

    [Fact]
    public async Task Demo_UnknownBackend_404Problem()
    {
        var port = FreePort();
        await using var gateway = await GatewayHost.StartAsync($$"""
        {
          "Demo": { "Backends": [ { "Name": "zh", "Url": "http://127.0.0.1:{{port}}" } ] },
          "ReverseProxy": {
            "Routes": { "all": { "ClusterId": "zh", "Match": { "Path": "/{**rest}" } } },
            "Clusters": { "zh": { "Destinations": { "zh": { "Address": "http://127.0.0.1:{{port}}/" } } } }
          }
        }
        """);

        using var response = await gateway.Client.PostAsync("/demo/backends/fr/stop", null);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("known: zh", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Demo_SectionAbsent_DemoPathsAreProxiedLikeAnyOther()
    {
        await using var backend = await TestBackend.StartAsync("app");
        await using var gateway = await GatewayHost.StartAsync(GatewayConfigs.SingleCluster([backend]));

        using var response = await gateway.Client.PostAsync("/demo/backends/app/stop", null);

        Assert.Equal("app POST /demo/backends/app/stop body=", await response.Content.ReadAsStringAsync());
    }

    private static async Task<List<string>> BackendsAnsweringAsync(GatewayHost gateway, int requests)
    {
        var names = new List<string>();
        for (var i = 0; i < requests; i++)
        {
            using var response = await gateway.Client.GetAsync($"/hello/{i}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            names.Add((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("backend").GetString()!);
        }

        return names;
    }

    private static int FreePort()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }
}
