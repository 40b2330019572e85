using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.RegularExpressions;
using L7Gate.Proxy.Health;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;

namespace L7Gate.Proxy.Tests.Streams;

/// <summary>The L4 access-log line, read back from the file sink: a relayed connection, refusals, an idle timeout, the per-listener switch, the combined-mode layout.</summary>
public sealed partial class StreamsAccessLogTests
{
    private static string Listener(string extra = "") => $$"""
        { "Listeners": { "tcp": { "Endpoints": ["127.0.0.1:0"], "ClusterId": "c" {{extra}} } } }
        """;

    private static string Cluster(params string[] addresses) =>
        $$"""{ "c": { "LoadBalancingPolicy": "FirstAlphabetical", "Destinations": { {{string.Join(", ", addresses.Select((a, i) => $$"""
        "d{{i}}": { "Address": "{{a}}" }
        """))}} } } }""";

    [Fact]
    public async Task Relayed_JsonLineHasTheConnectionsFacts()
    {
        await using var backend = RawBackend.Echo();
        var dead = $"tcp://127.0.0.1:{RawBackend.ClosedPort()}";
        using var log = new StreamsAccessLogFile();
        await using var gateway = await StreamsGateway.StartAsync(Listener(), Cluster(dead, backend.Address), log.Section());

        var started = DateTimeOffset.UtcNow;
        IPEndPoint local;
        using (var client = await gateway.ConnectAsync("tcp"))
        {
            local = (IPEndPoint)client.LocalEndPoint!;
            await client.SendTextAsync("hello world");
            Assert.Equal("hello world", await client.ReadExactlyAsync(11));
            client.Shutdown(SocketShutdown.Send);
            Assert.Equal(string.Empty, await client.ReadToEndAsync());
        }

        var e = await log.SingleJsonAsync();
        string[] fields = ["time", "client_ip", "client_port", "protocol", "listener", "sni", "cluster", "destination", "status",
            "bytes_in", "bytes_out", "duration_ms", "attempts", "end"];
        Assert.Equal(fields, e.EnumerateObject().Select(p => p.Name).ToArray());
        Assert.InRange(e.GetProperty("time").GetDateTimeOffset(), started.AddSeconds(-5), DateTimeOffset.UtcNow);
        Assert.Equal("127.0.0.1", e.GetProperty("client_ip").GetString());
        Assert.Equal(local.Port, e.GetProperty("client_port").GetInt32());
        Assert.Equal("TCP", e.GetProperty("protocol").GetString());
        Assert.Equal("tcp", e.GetProperty("listener").GetString());
        Assert.Equal(JsonValueKind.Null, e.GetProperty("sni").ValueKind);
        Assert.Equal("c", e.GetProperty("cluster").GetString());
        Assert.Equal("d1", e.GetProperty("destination").GetString());
        Assert.Equal(200, e.GetProperty("status").GetInt32());
        Assert.Equal(11, e.GetProperty("bytes_in").GetInt64());
        Assert.Equal(11, e.GetProperty("bytes_out").GetInt64());
        Assert.True(e.GetProperty("duration_ms").GetDouble() > 0);
        Assert.Equal(2, e.GetProperty("attempts").GetInt32()); // d0 refused, d1 served
        Assert.Equal("client_closed", e.GetProperty("end").GetString());
    }

    [Fact]
    public async Task Refused_NoDestination_LineSaysSoWithoutDestination()
    {
        await using var backend = RawBackend.Echo();
        using var log = new StreamsAccessLogFile();
        await using var gateway = await StreamsGateway.StartAsync(Listener(), Cluster(backend.Address), log.Section());
        gateway.Services.GetRequiredService<IDestinationAdminStates>().Set("c", "d0", DestinationAdminState.Disabled);

        using var client = await gateway.ConnectAsync("tcp");
        Assert.Equal(string.Empty, await client.ReadToEndAsync());

        var e = await log.SingleJsonAsync();
        Assert.Equal("no_destination", e.GetProperty("end").GetString());
        Assert.Equal(503, e.GetProperty("status").GetInt32());
        Assert.Equal("c", e.GetProperty("cluster").GetString());
        Assert.Equal(JsonValueKind.Null, e.GetProperty("destination").ValueKind);
        Assert.Equal(0, e.GetProperty("attempts").GetInt32());
        Assert.Equal(0, e.GetProperty("bytes_in").GetInt64());
        Assert.Equal(0, backend.Connections);
    }

    [Fact]
    public async Task Refused_MaxConnections_AndConnectFailed_EachLogged()
    {
        var dead = $"tcp://127.0.0.1:{RawBackend.ClosedPort()}";
        await using var backend = RawBackend.Echo();
        using var log = new StreamsAccessLogFile();
        await using var gateway = await StreamsGateway.StartAsync(
            """{ "Listeners": { "one": { "Endpoints": ["127.0.0.1:0"], "ClusterId": "c", "MaxConnections": 1 }, "dead": { "Endpoints": ["127.0.0.1:0"], "ClusterId": "dead" } } }""",
            $$"""{ "c": { "Destinations": { "d0": { "Address": "{{backend.Address}}" } } }, "dead": { "Destinations": { "x": { "Address": "{{dead}}" } } } }""",
            log.Section());

        using var first = await gateway.ConnectAsync("one");
        await first.SendTextAsync("x");
        Assert.Equal("x", await first.ReadExactlyAsync(1));
        using (var second = await gateway.ConnectAsync("one"))
        {
            Assert.Equal(string.Empty, await second.ReadToEndAsync());
        }

        using (var refused = await gateway.ConnectAsync("dead"))
        {
            Assert.Equal(string.Empty, await refused.ReadToEndAsync());
        }

        var lines = (await log.LinesAsync(2)).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        var max = Assert.Single(lines, l => l.GetProperty("listener").GetString() == "one");
        Assert.Equal("max_connections", max.GetProperty("end").GetString());
        Assert.Equal(503, max.GetProperty("status").GetInt32());
        var failed = Assert.Single(lines, l => l.GetProperty("listener").GetString() == "dead");
        Assert.Equal("connect_failed", failed.GetProperty("end").GetString());
        Assert.Equal(502, failed.GetProperty("status").GetInt32());
        Assert.Equal(1, failed.GetProperty("attempts").GetInt32());
        Assert.Equal("x", failed.GetProperty("destination").GetString());
    }

    [Fact]
    public async Task IdleTimeout_LineSaysIdleTimeout()
    {
        await using var backend = RawBackend.Echo();
        using var log = new StreamsAccessLogFile();
        await using var gateway = await StreamsGateway.StartAsync(Listener(""", "IdleTimeout": "00:00:01" """), Cluster(backend.Address), log.Section());

        using var client = await gateway.ConnectAsync("tcp");
        await client.SendTextAsync("abc");
        Assert.Equal("abc", await client.ReadExactlyAsync(3));
        Assert.Equal(string.Empty, await client.ReadToEndAsync());

        var e = await log.SingleJsonAsync();
        Assert.Equal("idle_timeout", e.GetProperty("end").GetString());
        Assert.Equal(3, e.GetProperty("bytes_in").GetInt64());
        Assert.Equal(3, e.GetProperty("bytes_out").GetInt64());
        Assert.True(e.GetProperty("duration_ms").GetDouble() >= 1000);
    }

    [Fact]
    public async Task ListenerSwitchedOff_ItsConnectionsAreNotLogged_OthersAre()
    {
        await using var backend = RawBackend.Echo();
        using var log = new StreamsAccessLogFile();
        await using var gateway = await StreamsGateway.StartAsync(
            """{ "Listeners": { "quiet": { "Endpoints": ["127.0.0.1:0"], "ClusterId": "c", "AccessLog": { "Enabled": false } }, "loud": { "Endpoints": ["127.0.0.1:0"], "ClusterId": "c" } } }""",
            Cluster(backend.Address), log.Section());

        foreach (var name in new[] { "quiet", "loud", "quiet" })
        {
            using var client = await gateway.ConnectAsync(name);
            await client.SendTextAsync("x");
            Assert.Equal("x", await client.ReadExactlyAsync(1));
            client.Shutdown(SocketShutdown.Send);
            Assert.Equal(string.Empty, await client.ReadToEndAsync());
        }

        await Eventually.TrueAsync(() => backend.Connections == 3, "all three were relayed");
        // The loud one is the only line; a later quiet one would have been queued after it, so wait for a marker.
        using (var marker = await gateway.ConnectAsync("loud"))
        {
            marker.Shutdown(SocketShutdown.Send);
            Assert.Equal(string.Empty, await marker.ReadToEndAsync());
        }

        var lines = await log.LinesAsync(2);
        Assert.Equal(2, lines.Length);
        Assert.All(lines, l => Assert.Equal("loud", JsonDocument.Parse(l).RootElement.GetProperty("listener").GetString()));
    }

    [Fact]
    public async Task CombinedFormat_TlsConnection_StreamLayoutWithSni()
    {
        using var certificates = TestCertificates.Create();
        await using var backend = await TlsBackend.StartAsync("a", certificates, ClientCertificateMode.NoCertificate);
        using var log = new StreamsAccessLogFile();
        await using var gateway = await StreamsGateway.StartAsync(
            """{ "Listeners": { "tls": { "Endpoints": ["127.0.0.1:0"], "Sni": { "api.example.test": "c" } } } }""",
            Cluster(backend.Address), log.Section("Combined"));

        using (var tcp = await gateway.ConnectAsync("tls"))
        await using (var tls = new SslStream(new NetworkStream(tcp, ownsSocket: false)))
        {
            await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
            {
                TargetHost = "api.example.test",
                RemoteCertificateValidationCallback = (_, certificate, _, _) => certificate is not null,
            });
            await tls.WriteAsync("GET /healthz HTTP/1.1\r\nHost: api.example.test\r\nConnection: close\r\n\r\n"u8.ToArray());
            var answer = await new StreamReader(tls).ReadToEndAsync();
            Assert.Contains("ok", answer);
        }

        var line = Assert.Single(await log.LinesAsync(1));
        var match = StreamLine().Match(line);
        Assert.True(match.Success, line);
        Assert.Equal("200", match.Groups["status"].Value);
        Assert.True(long.Parse(match.Groups["sent"].Value) > 0);
        Assert.True(long.Parse(match.Groups["received"].Value) > 0);
        Assert.Equal("tls", match.Groups["listener"].Value);
        Assert.Equal("api.example.test", match.Groups["sni"].Value);
        Assert.Equal("c", match.Groups["cluster"].Value);
        Assert.Equal("d0", match.Groups["destination"].Value);
        Assert.Equal("1", match.Groups["attempts"].Value);
        Assert.Matches("^(client|backend)_closed$", match.Groups["end"].Value);
    }

    [GeneratedRegex("""^127\.0\.0\.1:[0-9]+ \[[0-9]{2}/[A-Z][a-z]{2}/[0-9]{4}:[0-9:]{8} \+0000\] TCP (?<status>[0-9]{3}) (?<sent>[0-9]+) (?<received>[0-9]+) [0-9]+\.[0-9]{3} "(?<listener>[^"]*)" "(?<sni>[^"]*)" "(?<cluster>[^"]*)" "(?<destination>[^"]*)" (?<attempts>[0-9]+) (?<end>[a-z_]+)$""")]
    private static partial Regex StreamLine();
}
