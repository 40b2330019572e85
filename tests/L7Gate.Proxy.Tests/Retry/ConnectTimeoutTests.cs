using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using L7Gate.Proxy.Tests.Infrastructure;

namespace L7Gate.Proxy.Tests.Retry;

/// <summary>A destination that never completes the TCP handshake fails over after the cluster's connect timeout, not YARP's 15 s.</summary>
public sealed class ConnectTimeoutTests
{
    [Fact]
    public async Task Get_DestinationNeverAcceptsConnection_RetriedAfterConnectTimeout()
    {
        using var blackhole = new Blackhole();
        await using var b = await TestBackend.StartAsync("b");
        var config = $$"""
        {
          "ReverseProxy": {
            "Routes": { "all": { "ClusterId": "c", "Match": { "Path": "/{**rest}" } } },
            "Clusters": {
              "c": {
                "LoadBalancingPolicy": "FirstAlphabetical",
                "Metadata": { "L7Gate.ConnectTimeout": "00:00:00.300" },
                "Destinations": { "a": { "Address": "http://127.0.0.1:{{blackhole.Port}}/" }, "b": { "Address": "{{b.Url}}" } }
              }
            }
          }
        }
        """;
        await using var gateway = await GatewayHost.StartAsync(config);
        using var metrics = new MetricRecorder(gateway.Services);

        var elapsed = Stopwatch.StartNew();
        using var response = await gateway.Client.GetAsync("/slow-connect");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("b", response.Headers.GetValues("X-Backend").Single());
        Assert.InRange(elapsed.Elapsed, TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(10));
        Assert.Equal(1, metrics.Sum("l7gate.proxy.retries", "reason", "connect"));
    }

    /// <summary>A listener whose accept queue is full and never drained: Linux drops further SYNs, so connects hang.</summary>
    private sealed class Blackhole : IDisposable
    {
        private readonly Socket _listener = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        private readonly List<Socket> _fillers = [];

        public Blackhole()
        {
            _listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            _listener.Listen(0);
            for (var i = 0; i < 4; i++)
            {
                var filler = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                _ = filler.ConnectAsync(_listener.LocalEndPoint!).ContinueWith(_ => { }, TaskScheduler.Default);
                _fillers.Add(filler);
            }
        }

        public int Port => ((IPEndPoint)_listener.LocalEndPoint!).Port;

        public void Dispose()
        {
            _fillers.ForEach(f => f.Dispose());
            _listener.Dispose();
        }
    }
}
