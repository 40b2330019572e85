using System.Net.Security;
using System.Net.Sockets;
using L7Gate.Proxy.Configuration;
using L7Gate.Proxy.Streams;
using L7Gate.Proxy.Tests.Infrastructure;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Yarp.ReverseProxy;
using Yarp.ReverseProxy.Model;

namespace L7Gate.Proxy.Tests.Streams;

/// <summary>
/// The TcpConnect and TlsHandshake active health kinds (<c>HealthCheck.Active.Policy</c>) against real backends:
/// ejection and return, routing only to healthy destinations, the probe counter, and the config rules.
/// </summary>
public sealed class StreamsHealthTests
{
    private const string Probe = """ "Enabled": true, "Interval": "00:00:00.200", "Timeout": "00:00:02" """;

    [Fact]
    public async Task TcpConnect_ClosedPortGoesUnhealthy_ConnectionsAvoidIt_BackWhenItListens()
    {
        var port = RawBackend.ClosedPort();
        await using var live = RawBackend.Echo();
        await using var gateway = await StreamsGateway.StartAsync(
            """{ "Listeners": { "tcp": { "Endpoints": ["127.0.0.1:0"], "ClusterId": "c" } } }""",
            $$"""
            { "c": { "LoadBalancingPolicy": "RoundRobin",
                     "HealthCheck": { "Active": { {{Probe}}, "Policy": "TcpConnect" } },
                     "Destinations": { "d0": { "Address": "tcp://127.0.0.1:{{port}}" }, "d1": { "Address": "{{live.Address}}" } } } }
            """);
        using var metrics = new MetricRecorder(gateway.Services);

        await Eventually.TrueAsync(() => Health(gateway, "c", "d0") == DestinationHealth.Unhealthy, "the closed port fails its TCP probes");
        Assert.Equal(DestinationHealth.Healthy, Health(gateway, "c", "d1"));

        // Only the healthy destination is tried: no connect to the dead port, every byte to d1.
        var failuresBefore = metrics.Sum("l7gate.stream.connect_failures", "destination", "d0");
        await PingAsync(gateway, "tcp", 4);
        Assert.Equal(failuresBefore, metrics.Sum("l7gate.stream.connect_failures", "destination", "d0"));
        Assert.Equal(4 * 4, metrics.Sum("l7gate.stream.bytes.in", "destination", "d1"));
        await Eventually.TrueAsync(() => ProbeCount(metrics, "d0", "failed") >= 2 && ProbeCount(metrics, "d1", "passed") >= 2,
            "each probe is counted per destination and result");

        await using var revived = RawBackend.Echo(port);
        await Eventually.TrueAsync(() => Health(gateway, "c", "d0") == DestinationHealth.Healthy, "d0 passes again once it listens");
        await PingAsync(gateway, "tcp", 4);
        Assert.True(metrics.Sum("l7gate.stream.bytes.in", "destination", "d0") > 0, "round robin sends to d0 again");
    }

    [Fact]
    public async Task TlsHandshake_PlainTcpUnhealthy_TlsBackendHealthy_UntrustedCertificateUnhealthyWithoutAcceptAny()
    {
        using var certificates = TestCertificates.Create();
        await using var tlsBackend = await TlsBackend.StartAsync("a", certificates, ClientCertificateMode.NoCertificate);
        await using var plain = RawBackend.Echo();
        await using var gateway = await StreamsGateway.StartAsync(
            """{ "Listeners": { "api": { "Endpoints": ["127.0.0.1:0"], "ClusterId": "tls" } } }""",
            $$"""
            {
              "tls": { "LoadBalancingPolicy": "RoundRobin",
                       "HttpClient": { "DangerousAcceptAnyServerCertificate": true },
                       "HealthCheck": { "Active": { {{Probe}}, "Policy": "TlsHandshake" } },
                       "Destinations": { "plain": { "Address": "{{plain.Address}}" }, "real": { "Address": "{{tlsBackend.Address}}" } } },
              "strict": { "HealthCheck": { "Active": { {{Probe}}, "Policy": "TlsHandshake" } },
                          "Destinations": { "real": { "Address": "{{tlsBackend.Address}}" } } }
            }
            """);
        using var metrics = new MetricRecorder(gateway.Services);

        await Eventually.TrueAsync(() => Health(gateway, "tls", "plain") == DestinationHealth.Unhealthy, "a plain TCP listener fails the TLS handshake");
        await Eventually.TrueAsync(() => Health(gateway, "tls", "real") == DestinationHealth.Healthy, "the TLS backend passes");
        await Eventually.TrueAsync(() => Health(gateway, "strict", "real") == DestinationHealth.Unhealthy,
            "without DangerousAcceptAnyServerCertificate the test CA is not trusted");
        await Eventually.TrueAsync(() => metrics.Sum("l7gate.health.probes", ("kind", "tls_handshake"), ("result", "failed")) >= 2
            && metrics.Sum("l7gate.health.probes", ("kind", "tls_handshake"), ("result", "passed")) >= 1, "TLS probes are counted");

        // Every connection through the listener reaches the TLS backend, none the plain one.
        for (var i = 0; i < 4; i++)
        {
            using var tcp = await gateway.ConnectAsync("api");
            await using var tls = new SslStream(new NetworkStream(tcp, ownsSocket: false));
            await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
            {
                TargetHost = "localhost",
                RemoteCertificateValidationCallback = (_, certificate, _, _) => certificate is not null,
            });
            await tls.WriteAsync("GET /whoami HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"u8.ToArray());
            Assert.Contains("a|(none)", await new StreamReader(tls).ReadToEndAsync());
        }

        Assert.Equal(0, metrics.Sum("l7gate.stream.bytes.in", "destination", "plain"));
        Assert.True(metrics.Sum("l7gate.stream.bytes.in", "destination", "real") > 0);
    }

    [Theory]
    [InlineData("TcpConect", "did you mean 'TcpConnect'?")]
    [InlineData("tlshandshak", "did you mean 'TlsHandshake'?")]
    [InlineData("Ping", "Kinds: ConsecutiveFailures (HTTP GET of Active.Path, the default), TcpConnect")]
    public async Task Config_UnknownKind_OneErrorAtThePolicyKeyWithASuggestion(string policy, string expected)
    {
        var failures = await LoadAsync(new()
        {
            ["ReverseProxy:Clusters:c:HealthCheck:Active:Enabled"] = "true",
            ["ReverseProxy:Clusters:c:HealthCheck:Active:Policy"] = policy,
            ["ReverseProxy:Clusters:c:Destinations:d:Address"] = "tcp://127.0.0.1:6443",
        });

        var failure = Assert.Single(failures);
        Assert.Equal("ReverseProxy:Clusters:c:HealthCheck:Active:Policy", failure.PropertyName);
        Assert.Contains(expected, failure.ErrorMessage);
    }

    [Fact]
    public async Task Config_StreamKindWithPath_OrPortlessAddress_Reported_TcpHealthAddressAccepted()
    {
        var failures = await LoadAsync(new()
        {
            ["ReverseProxy:Clusters:c:HealthCheck:Active:Enabled"] = "true",
            ["ReverseProxy:Clusters:c:HealthCheck:Active:Policy"] = "TcpConnect",
            ["ReverseProxy:Clusters:c:HealthCheck:Active:Path"] = "/healthz",
            ["ReverseProxy:Clusters:c:Destinations:ok:Address"] = "tcp://127.0.0.1:6443",
            ["ReverseProxy:Clusters:c:Destinations:bad:Address"] = "tcp://127.0.0.1",
            ["ReverseProxy:Clusters:c:Destinations:probed:Address"] = "https://127.0.0.1:6443/",
            ["ReverseProxy:Clusters:c:Destinations:probed:Health"] = "tcp://127.0.0.1:6444",
        });

        // The port-less address is reported once (by the address rules); a tcp:// Health address is fine for TcpConnect.
        Assert.Equal(
            ["ReverseProxy:Clusters:c:Destinations:bad:Address", "ReverseProxy:Clusters:c:HealthCheck:Active:Path"],
            failures.Select(f => f.PropertyName).Order().ToArray());
    }

    [Fact]
    public async Task Config_TcpHealthAddressWithHttpProbe_Reported()
    {
        var failures = await LoadAsync(new()
        {
            ["ReverseProxy:Clusters:c:HealthCheck:Active:Enabled"] = "true",
            ["ReverseProxy:Clusters:c:HealthCheck:Active:Path"] = "/healthz",
            ["ReverseProxy:Clusters:c:Destinations:d:Address"] = "https://127.0.0.1:6443/",
            ["ReverseProxy:Clusters:c:Destinations:d:Health"] = "tcp://127.0.0.1:6444",
        });

        Assert.Equal("ReverseProxy:Clusters:c:Destinations:d:Health", Assert.Single(failures).PropertyName);
    }

    [Theory]
    [InlineData("TcpConnect")]
    [InlineData("TlsHandshake")]
    [InlineData("ConsecutiveFailures")]
    public async Task Config_EveryKind_Valid(string policy)
    {
        var failures = await LoadAsync(new()
        {
            ["ReverseProxy:Clusters:c:HealthCheck:Active:Enabled"] = "true",
            ["ReverseProxy:Clusters:c:HealthCheck:Active:Policy"] = policy,
            ["ReverseProxy:Clusters:c:Destinations:d:Address"] = "https://127.0.0.1:6443",
        });

        Assert.Empty(failures);
    }

    private static async Task<IReadOnlyList<FluentValidation.Results.ValidationFailure>> LoadAsync(Dictionary<string, string?> data)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.AddL7GateProxy();
        builder.Services.AddL7GateRouting();
        builder.Services.AddL7GateStreamsCore();
        using var host = builder.Build();
        data["Streams:Listeners:l:Endpoints:0"] = "127.0.0.1:0"; // an L4-only config needs no routes
        data["Streams:Listeners:l:ClusterId"] = "c";
        var candidate = await host.Services.GetRequiredService<ProxyConfigLoader>()
            .LoadAsync(new ConfigurationBuilder().AddInMemoryCollection(data).Build());
        return candidate.Failures;
    }

    private static DestinationHealth Health(StreamsGateway gateway, string cluster, string destination) =>
        gateway.Services.GetRequiredService<IProxyStateLookup>().TryGetCluster(cluster, out var state)
        && state.Destinations.TryGetValue(destination, out var d)
            ? d.Health.Active
            : DestinationHealth.Unknown;

    private static long ProbeCount(MetricRecorder metrics, string destination, string result) =>
        metrics.Sum("l7gate.health.probes", ("destination", destination), ("result", result), ("kind", "tcp_connect"));

    private static async Task PingAsync(StreamsGateway gateway, string listener, int count)
    {
        for (var i = 0; i < count; i++)
        {
            using var client = await gateway.ConnectAsync(listener);
            await client.SendTextAsync("ping");
            Assert.Equal("ping", await client.ReadExactlyAsync(4));
            client.Shutdown(SocketShutdown.Send);
            Assert.Equal(string.Empty, await client.ReadToEndAsync());
        }
    }
}
