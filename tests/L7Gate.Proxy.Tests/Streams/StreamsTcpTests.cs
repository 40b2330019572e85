using System.Net;
using System.Net.Sockets;
using System.Text;
using L7Gate.Proxy.Health;
using L7Gate.Proxy.Streams.ProxyProtocol;
using L7Gate.Proxy.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace L7Gate.Proxy.Tests.Streams;

/// <summary>L4 listeners with plain TCP backends: relay, half-close, PROXY v2, connect failover, drain, refusal, idle timeout.</summary>
public sealed class StreamsTcpTests
{
    private static string Listener(string extra = "") => $$"""
        { "Listeners": { "tcp": { "Endpoints": ["127.0.0.1:0"], "ClusterId": "c" {{extra}} } } }
        """;

    private static string Cluster(string policy, params string[] addresses) =>
        $$"""{ "c": { "LoadBalancingPolicy": "{{policy}}", "Destinations": { {{string.Join(", ", addresses.Select((a, i) => $$"""
        "d{{i}}": { "Address": "{{a}}" }
        """))}} } } }""";

    [Fact]
    public async Task Relay_ClientHalfCloses_BackendStillAnswersAndClientReadsEverything()
    {
        // Answers only after the client's FIN, as a request-until-EOF protocol does.
        await using var backend = new RawBackend(async socket =>
        {
            var received = 0;
            var buffer = new byte[8192];
            int read;
            while ((read = await socket.ReceiveAsync(buffer)) > 0)
            {
                received += read;
            }

            await socket.SendAsync(Encoding.ASCII.GetBytes($"got {received} bytes"));
        });
        await using var gateway = await StreamsGateway.StartAsync(Listener(), Cluster("RoundRobin", backend.Address));
        using var metrics = new MetricRecorder(gateway.Services);

        using var client = await gateway.ConnectAsync("tcp");
        var payload = new byte[300_000];
        Random.Shared.NextBytes(payload);
        await client.SendAsync(payload);
        client.Shutdown(SocketShutdown.Send);

        Assert.Equal("got 300000 bytes", await client.ReadToEndAsync());
        await Eventually.TrueAsync(() => metrics.Sum("l7gate.stream.bytes.in", "destination", "d0") == 300_000, "bytes in are counted");
        Assert.Equal(1, metrics.Sum("l7gate.stream.connections.accepted", "listener", "tcp"));
    }

    [Fact]
    public async Task Relay_BinaryPayload_ArrivesUnchangedBothWays()
    {
        await using var backend = RawBackend.Echo();
        await using var gateway = await StreamsGateway.StartAsync(Listener(), Cluster("RoundRobin", backend.Address));

        using var client = await gateway.ConnectAsync("tcp");
        var payload = new byte[1_000_000];
        Random.Shared.NextBytes(payload);
        var sending = Task.Run(async () =>
        {
            await client.SendAsync(payload);
            client.Shutdown(SocketShutdown.Send);
        });
        using var received = new MemoryStream();
        var buffer = new byte[65536];
        int read;
        while ((read = await client.ReceiveAsync(buffer)) > 0)
        {
            received.Write(buffer, 0, read);
        }

        await sending;
        Assert.Equal(payload, received.ToArray());
    }

    [Fact]
    public async Task ProxyProtocol_SendV2_BackendParsesClientAddress()
    {
        var seen = new TaskCompletionSource<ProxyProtocolHeader?>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var backend = new RawBackend(async socket =>
        {
            var buffer = new byte[512];
            var length = 0;
            while (true)
            {
                length += await socket.ReceiveAsync(buffer.AsMemory(length));
                var status = ProxyProtocolParser.TryParse(buffer.AsSpan(0, length), out var header, out _, out var reason);
                if (status != ProxyProtocolParseStatus.NeedMoreData)
                {
                    seen.TrySetResult(header);
                    Assert.Null(reason);
                    break;
                }
            }

            await socket.SendAsync("ok"u8.ToArray());
        });
        await using var gateway = await StreamsGateway.StartAsync(Listener(""", "ProxyProtocol": { "Send": "V2" }"""), Cluster("RoundRobin", backend.Address));

        using var client = await gateway.ConnectAsync("tcp");
        await client.SendTextAsync("hello");
        Assert.Equal("ok", await client.ReadExactlyAsync(2));

        var header = await seen.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.NotNull(header);
        Assert.Equal(2, header.Version);
        Assert.Equal(client.LocalEndPoint, header.Source);
        Assert.Equal(gateway.Listener("tcp"), header.Destination);
    }

    [Fact]
    public async Task ProxyProtocol_AcceptV1FromBalancer_SourceGoesOnInV2()
    {
        var seen = new TaskCompletionSource<ProxyProtocolHeader?>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var backend = new RawBackend(async socket =>
        {
            var buffer = new byte[512];
            var length = 0;
            while (ProxyProtocolParser.TryParse(buffer.AsSpan(0, length), out var header, out _, out _) is var status)
            {
                if (status != ProxyProtocolParseStatus.NeedMoreData)
                {
                    seen.TrySetResult(header);
                    break;
                }

                length += await socket.ReceiveAsync(buffer.AsMemory(length));
            }

            await socket.SendAsync("ok"u8.ToArray());
        });
        await using var gateway = await StreamsGateway.StartAsync(
            Listener(""", "ProxyProtocol": { "Send": "V2", "Accept": true }"""), Cluster("RoundRobin", backend.Address));

        using var client = await gateway.ConnectAsync("tcp");
        await client.SendTextAsync("PROXY TCP4 192.0.2.7 192.0.2.1 40000 6443\r\nhello");
        Assert.Equal("ok", await client.ReadExactlyAsync(2));

        var header = await seen.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(new IPEndPoint(IPAddress.Parse("192.0.2.7"), 40000), header!.Source);
        Assert.Equal(new IPEndPoint(IPAddress.Parse("192.0.2.1"), 6443), header.Destination);
    }

    [Fact]
    public async Task ProxyProtocol_AcceptWithoutHeader_ClosedAndCounted()
    {
        await using var backend = RawBackend.Echo();
        await using var gateway = await StreamsGateway.StartAsync(Listener(""", "ProxyProtocol": { "Accept": true }"""), Cluster("RoundRobin", backend.Address));
        using var metrics = new MetricRecorder(gateway.Services);

        using var client = await gateway.ConnectAsync("tcp");
        await client.SendTextAsync("GET / HTTP/1.1\r\n\r\n");

        Assert.Equal(string.Empty, await client.ReadToEndAsync());
        await Eventually.TrueAsync(() => metrics.Sum("l7gate.stream.malformed", "kind", "proxy_header") == 1, "the bad header is counted");
        Assert.Equal(0, backend.Connections);
    }

    [Fact]
    public async Task Connect_FirstDestinationRefuses_NextOneServes()
    {
        await using var backend = RawBackend.Echo();
        var dead = $"tcp://127.0.0.1:{RawBackend.ClosedPort()}";
        await using var gateway = await StreamsGateway.StartAsync(Listener(), Cluster("FirstAlphabetical", dead, backend.Address));
        using var metrics = new MetricRecorder(gateway.Services);

        for (var i = 0; i < 3; i++)
        {
            using var client = await gateway.ConnectAsync("tcp");
            await client.SendTextAsync("ping");
            Assert.Equal("ping", await client.ReadExactlyAsync(4));
        }

        Assert.Equal(3, backend.Connections);
        Assert.Equal(3, metrics.Sum("l7gate.stream.connect_failures", "destination", "d0"));
    }

    [Fact]
    public async Task Drain_DestinationDrained_OpenConnectionKeepsWorkingNewOnesGoElsewhere()
    {
        await using var a = RawBackend.Echo();
        await using var b = RawBackend.Echo();
        await using var gateway = await StreamsGateway.StartAsync(Listener(), Cluster("FirstAlphabetical", a.Address, b.Address));

        using var open = await gateway.ConnectAsync("tcp");
        await open.SendTextAsync("one");
        Assert.Equal("one", await open.ReadExactlyAsync(3));
        gateway.Services.GetRequiredService<IDestinationAdminStates>().Set("c", "d0", DestinationAdminState.Draining);

        using var fresh = await gateway.ConnectAsync("tcp");
        await fresh.SendTextAsync("two");
        Assert.Equal("two", await fresh.ReadExactlyAsync(3));
        await open.SendTextAsync("three");
        Assert.Equal("three", await open.ReadExactlyAsync(5));

        Assert.Equal(1, a.Connections);
        Assert.Equal(1, b.Connections);
    }

    [Fact]
    public async Task Refuse_NoAvailableDestination_ClosedAtOnceAndCounted()
    {
        await using var a = RawBackend.Echo();
        await using var gateway = await StreamsGateway.StartAsync(Listener(), Cluster("RoundRobin", a.Address));
        using var metrics = new MetricRecorder(gateway.Services);
        gateway.Services.GetRequiredService<IDestinationAdminStates>().Set("c", "d0", DestinationAdminState.Disabled);

        using var client = await gateway.ConnectAsync("tcp");

        Assert.Equal(string.Empty, await client.ReadToEndAsync());
        await Eventually.TrueAsync(() => metrics.Sum("l7gate.stream.connections.refused", "reason", "no_destination") == 1, "the refusal is counted");
        Assert.Equal(0, a.Connections);
    }

    [Fact]
    public async Task Refuse_BeyondMaxConnections_ClosedAndCounted()
    {
        await using var a = RawBackend.Echo();
        await using var gateway = await StreamsGateway.StartAsync(Listener(""", "MaxConnections": 1"""), Cluster("RoundRobin", a.Address));
        using var metrics = new MetricRecorder(gateway.Services);

        using var first = await gateway.ConnectAsync("tcp");
        await first.SendTextAsync("x");
        Assert.Equal("x", await first.ReadExactlyAsync(1));
        using var second = await gateway.ConnectAsync("tcp");

        Assert.Equal(string.Empty, await second.ReadToEndAsync());
        Assert.Equal(1, metrics.Sum("l7gate.stream.connections.refused", "reason", "max_connections"));
        await first.SendTextAsync("y");
        Assert.Equal("y", await first.ReadExactlyAsync(1));
    }

    [Fact]
    public async Task IdleTimeout_NoBytesEitherWay_ConnectionClosed()
    {
        await using var a = RawBackend.Echo();
        await using var gateway = await StreamsGateway.StartAsync(Listener(""", "IdleTimeout": "00:00:01" """), Cluster("RoundRobin", a.Address));

        using var client = await gateway.ConnectAsync("tcp");
        await client.SendTextAsync("x");
        Assert.Equal("x", await client.ReadExactlyAsync(1));

        // Nothing more is sent: the gateway closes the connection (a read returns end of stream).
        Assert.Equal(string.Empty, await client.ReadToEndAsync(TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task Status_OpenConnection_ShownInFlightOnItsDestination()
    {
        await using var a = RawBackend.Echo();
        await using var gateway = await StreamsGateway.StartAsync(Listener(), Cluster("RoundRobin", a.Address));
        var status = gateway.Services.GetRequiredService<L7Gate.Admin.Status.AdminStatusService>();

        using (var client = await gateway.ConnectAsync("tcp"))
        {
            await client.SendTextAsync("x");
            Assert.Equal("x", await client.ReadExactlyAsync(1));
            var destination = status.GetClusters().Single(c => c.ClusterId == "c").Destinations.Single();
            Assert.Equal(1, destination.InFlight);
            Assert.Equal(a.Address, destination.Address);
        }

        await Eventually.TrueAsync(() => status.GetClusters().Single(c => c.ClusterId == "c").Destinations.Single().InFlight == 0,
            "the closed connection leaves the count");
    }
}
