using System.Net;
using System.Net.Sockets;
using System.Text;
using L7Gate.Limits;
using L7Gate.Proxy.Forwarding;
using L7Gate.Proxy.Tests.Infrastructure;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Yarp.ReverseProxy;

namespace L7Gate.Proxy.Tests.Limits;

/// <summary>The limits a gateway ships with (README "Limits and timeouts"): defaults when unset, and each one biting.</summary>
public sealed class GatewayLimitsTests
{
    [Fact]
    public async Task Start_NoLimitsConfigured_GatewayDefaultsApplied()
    {
        await using var backend = await TestBackend.StartAsync("a");
        await using var gateway = await GatewayHost.StartAsync(GatewayConfigs.SingleCluster([backend]));

        var limits = gateway.Services.GetRequiredService<IOptions<KestrelServerOptions>>().Value.Limits;
        Assert.Equal(KestrelLimitsOptions.DefaultMaxConcurrentConnections, limits.MaxConcurrentConnections);
        Assert.Equal(TimeSpan.FromSeconds(75), limits.KeepAliveTimeout);
        Assert.Equal(TimeSpan.FromSeconds(10), limits.RequestHeadersTimeout);
        Assert.Equal(1024, limits.MinResponseDataRate!.BytesPerSecond);
        Assert.Equal(TimeSpan.FromSeconds(10), limits.MinResponseDataRate.GracePeriod);

        using var response = await gateway.Client.GetAsync("/x");
        Assert.True(gateway.Services.GetRequiredService<IProxyStateLookup>().TryGetCluster("c", out var cluster));
        Assert.Equal(ForwardingOptions.DefaultActivityTimeout, cluster.Model.Config.HttpRequest?.ActivityTimeout);
        Assert.Equal(TimeSpan.FromSeconds(60), ForwardingOptions.DefaultActivityTimeout);
    }

    [Fact]
    public async Task Start_LimitsConfigured_OperatorValuesWin()
    {
        await using var backend = await TestBackend.StartAsync("a");
        await using var gateway = await GatewayHost.StartAsync(WithSections(GatewayConfigs.SingleCluster([backend], """
            "HttpRequest": { "ActivityTimeout": "00:00:07" },
            """), """
            "Kestrel": { "Limits": { "MaxConcurrentConnections": 42, "KeepAliveTimeout": "00:00:30", "RequestHeadersTimeout": "00:00:05",
                                     "MinResponseDataRate": { "BytesPerSecond": 500, "GracePeriod": "00:00:03" } } },
            "Forwarding": { "ActivityTimeout": "00:00:20" },
            """));

        var limits = gateway.Services.GetRequiredService<IOptions<KestrelServerOptions>>().Value.Limits;
        Assert.Equal(42, limits.MaxConcurrentConnections);
        Assert.Equal(TimeSpan.FromSeconds(30), limits.KeepAliveTimeout);
        Assert.Equal(TimeSpan.FromSeconds(5), limits.RequestHeadersTimeout);
        Assert.Equal(500, limits.MinResponseDataRate!.BytesPerSecond);
        using var response = await gateway.Client.GetAsync("/x");
        Assert.True(gateway.Services.GetRequiredService<IProxyStateLookup>().TryGetCluster("c", out var cluster));
        Assert.Equal(TimeSpan.FromSeconds(7), cluster.Model.Config.HttpRequest?.ActivityTimeout);
    }

    [Fact]
    public async Task Send_BackendNeverAnswersClusterSetsNoTimeout_504AtForwardingActivityTimeout()
    {
        await using var backend = await TestBackend.StartAsync("a");
        backend.Behavior = BackendBehavior.Hang;
        await using var gateway = await GatewayHost.StartAsync(WithSections(GatewayConfigs.SingleCluster([backend]), """
            "Forwarding": { "ActivityTimeout": "00:00:01" },
            """));
        gateway.Client.Timeout = TimeSpan.FromSeconds(50);

        using var response = await gateway.Client.GetAsync("/never");
        Assert.Equal(HttpStatusCode.GatewayTimeout, response.StatusCode);
    }

    [Fact]
    public async Task Connect_MoreIdleConnectionsThanMaxConcurrentConnections_ExtraOnesClosedThenAcceptedWhenOneLeaves()
    {
        await using var backend = await TestBackend.StartAsync("a");
        await using var gateway = await GatewayHost.StartKestrelAsync(WithSections(GatewayConfigs.SingleCluster([backend]), """
            "Kestrel": { "Limits": { "MaxConcurrentConnections": 3 } },
            """));
        var port = gateway.ProxyAddress.Port;

        var idle = new List<TcpClient>();
        for (var i = 0; i < 3; i++)
        {
            var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, port);
            idle.Add(client);
        }

        try
        {
            // The listen backlog is first in, first out: the fourth connection is accepted after the three idle ones.
            Assert.Null(await TryGetAsync(port));

            idle[0].Dispose();
            var answered = false;
            await Eventually.TrueAsync(async () => answered = await TryGetAsync(port) is { } status && status.StartsWith("HTTP/1.1 200", StringComparison.Ordinal),
                "a connection is accepted again once one of the three leaves", TimeSpan.FromSeconds(30));
            Assert.True(answered);
        }
        finally
        {
            idle.ForEach(c => c.Dispose());
        }
    }

    [Fact]
    public async Task Send_ClientStopsReadingALargeResponse_ClientCutAtMinResponseDataRateAndBackendReleased()
    {
        await using var backend = await TestBackend.StartAsync("a");
        backend.PathBehaviors["/big"] = BackendBehavior.Stream;
        // Kestrel allows each write its size at the minimum rate (plus the grace period), so the few MB the kernel takes
        // before the client's window closes buy seconds at 4 MB/s where they would buy minutes at nginx's 1 KB/s.
        await using var gateway = await GatewayHost.StartKestrelAsync(WithSections(GatewayConfigs.SingleCluster([backend]), """
            "Kestrel": { "Limits": { "MinResponseDataRate": { "BytesPerSecond": 4194304, "GracePeriod": "00:00:02" } } },
            """));

        // A client that asks for 256 MB and reads none of it: once the kernel buffers are full the gateway's writes
        // stall, the data rate falls below the minimum and Kestrel cuts the connection.
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { ReceiveBufferSize = 4096 };
        await client.ConnectAsync(IPAddress.Loopback, gateway.ProxyAddress.Port);
        await client.SendAsync(Encoding.ASCII.GetBytes("GET /big HTTP/1.1\r\nHost: gw\r\n\r\n"));

        // Whether the gateway aborts the backend request or drains the rest of it once the client is cut, the backend's
        // send is not held by the stalled client.
        await Eventually.TrueAsync(() => backend.StreamsEnded > 0, "the backend's send to end once the client stalls", TimeSpan.FromSeconds(60));

        // The client's connection was closed: draining it ends (EOF or reset) long before 256 MB.
        var drained = 0L;
        var buffer = new byte[1 << 20];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            int read;
            while ((read = await client.ReceiveAsync(buffer, SocketFlags.None, timeout.Token)) > 0)
            {
                drained += read;
            }
        }
        catch (SocketException)
        {
            // reset: closed as well
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"the client's connection was still open after reading {drained} bytes for 30 s (backend sent {backend.StreamedBytes})");
        }

        Assert.True(drained < backend.StreamBytes, $"the client read all {drained} bytes: the connection was not cut");
    }

    private static string WithSections(string config, string sections) => config.Replace("\"ReverseProxy\":", sections + "\n  \"ReverseProxy\":");

    /// <summary>Status line of a GET on a new connection, or null when the gateway closed the connection instead.</summary>
    private static async Task<string?> TryGetAsync(int port)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, port);
        var stream = client.GetStream();
        try
        {
            await stream.WriteAsync(Encoding.ASCII.GetBytes("GET /x HTTP/1.1\r\nHost: gw\r\nConnection: close\r\n\r\n"));
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            var response = await new StreamReader(stream).ReadToEndAsync(timeout.Token);
            return response.Length == 0 ? null : response.Split("\r\n")[0];
        }
        catch (IOException)
        {
            return null;
        }
    }
}
