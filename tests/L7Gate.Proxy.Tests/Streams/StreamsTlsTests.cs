using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using L7Gate.Proxy.Tests.Infrastructure;
using Microsoft.AspNetCore.Server.Kestrel.Https;

namespace L7Gate.Proxy.Tests.Streams;

/// <summary>TLS passthrough to kube-apiserver-like backends: client certificates, SNI routing, HTTPS /healthz probes, watches.</summary>
public sealed class StreamsTlsTests : IDisposable
{
    private readonly TestCertificates _certificates = TestCertificates.Create();

    public void Dispose() => _certificates.Dispose();

    [Fact]
    public async Task Passthrough_BackendRequiresClientCertificate_ClientsOwnCertificateArrives()
    {
        await using var api = await TlsBackend.StartAsync("api-1", _certificates, ClientCertificateMode.RequireCertificate);
        await using var gateway = await StreamsGateway.StartAsync(
            """{ "Listeners": { "apiserver": { "Endpoints": ["127.0.0.1:0"], "ClusterId": "apiservers" } } }""",
            $$"""{ "apiservers": { "LoadBalancingPolicy": "RoundRobin", "Destinations": { "api-1": { "Address": "{{api.Address}}" } } } }""");
        using var client = Client(gateway, "apiserver", withCertificate: true);

        var answer = await client.GetStringAsync("https://localhost/whoami");

        Assert.Equal($"api-1|{TestCertificates.ClientSubject}", answer);
    }

    [Fact]
    public async Task Passthrough_ClientWithoutCertificate_BackendRejectsHandshake()
    {
        await using var api = await TlsBackend.StartAsync("api-1", _certificates, ClientCertificateMode.RequireCertificate);
        await using var gateway = await StreamsGateway.StartAsync(
            """{ "Listeners": { "apiserver": { "Endpoints": ["127.0.0.1:0"], "ClusterId": "apiservers" } } }""",
            $$"""{ "apiservers": { "Destinations": { "api-1": { "Address": "{{api.Address}}" } } } }""");
        using var client = Client(gateway, "apiserver", withCertificate: false);

        // TLS is the backend's, end to end: the gateway cannot stand in for a missing client certificate.
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => client.GetStringAsync("https://localhost/whoami"));
    }

    [Fact]
    public async Task Sni_ExactWildcardAndDefault_EachReachesItsCluster()
    {
        await using var exact = await TlsBackend.StartAsync("exact", _certificates, ClientCertificateMode.AllowCertificate);
        await using var wildcard = await TlsBackend.StartAsync("wildcard", _certificates, ClientCertificateMode.AllowCertificate);
        await using var fallback = await TlsBackend.StartAsync("default", _certificates, ClientCertificateMode.AllowCertificate);
        await using var gateway = await StreamsGateway.StartAsync(
            """
            { "Listeners": { "sni": { "Endpoints": ["127.0.0.1:0"], "ClusterId": "default",
              "Sni": { "api.example.test": "exact", "*.example.test": "wildcard" } } } }
            """,
            $$"""
            {
              "exact": { "Destinations": { "e": { "Address": "{{exact.Address}}" } } },
              "wildcard": { "Destinations": { "w": { "Address": "{{wildcard.Address}}" } } },
              "default": { "Destinations": { "d": { "Address": "{{fallback.Address}}" } } }
            }
            """);
        using var client = Client(gateway, "sni", withCertificate: true);

        Assert.StartsWith("exact|", await client.GetStringAsync("https://api.example.test/whoami"));
        Assert.StartsWith("wildcard|", await client.GetStringAsync("https://etcd.example.test/whoami"));
        Assert.StartsWith("wildcard|", await client.GetStringAsync("https://a.b.example.test/whoami"));
        Assert.StartsWith("default|", await client.GetStringAsync("https://localhost/whoami"));
        // An IP literal carries no SNI (RFC 6066 §3): the default cluster.
        Assert.StartsWith("default|", await client.GetStringAsync("https://127.0.0.1/whoami"));
    }

    [Fact]
    public async Task Sni_NoMatchAndNoClusterId_ConnectionClosed()
    {
        await using var exact = await TlsBackend.StartAsync("exact", _certificates, ClientCertificateMode.AllowCertificate);
        await using var gateway = await StreamsGateway.StartAsync(
            """{ "Listeners": { "sni": { "Endpoints": ["127.0.0.1:0"], "Sni": { "api.example.test": "exact" } } } }""",
            $$"""{ "exact": { "Destinations": { "e": { "Address": "{{exact.Address}}" } } } }""");
        using var metrics = new MetricRecorder(gateway.Services);
        using var client = Client(gateway, "sni", withCertificate: true);

        Assert.StartsWith("exact|", await client.GetStringAsync("https://api.example.test/whoami"));
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => client.GetStringAsync("https://other.example.test/whoami"));
        Assert.Equal(1, metrics.Sum("l7gate.stream.connections.refused", "reason", "no_cluster"));
    }

    [Fact]
    public async Task Health_HttpsHealthzProbe_EjectsAndReturnsTlsDestination()
    {
        await using var a = await TlsBackend.StartAsync("a", _certificates, ClientCertificateMode.AllowCertificate);
        await using var b = await TlsBackend.StartAsync("b", _certificates, ClientCertificateMode.AllowCertificate);
        await using var gateway = await StreamsGateway.StartAsync(
            """{ "Listeners": { "apiserver": { "Endpoints": ["127.0.0.1:0"], "ClusterId": "apiservers" } } }""",
            $$"""
            { "apiservers": {
                "LoadBalancingPolicy": "FirstAlphabetical",
                "HealthCheck": { "Active": { "Enabled": true, "Interval": "00:00:00.200", "Timeout": "00:00:05", "Policy": "ConsecutiveFailures", "Path": "/healthz" } },
                "HttpClient": { "DangerousAcceptAnyServerCertificate": true },
                "Destinations": { "a": { "Address": "{{a.Address}}" }, "b": { "Address": "{{b.Address}}" } } } }
            """);

        async Task<string> Backend()
        {
            using var client = Client(gateway, "apiserver", withCertificate: true);
            return (await client.GetStringAsync("https://localhost/whoami")).Split('|')[0];
        }

        using var metrics = new MetricRecorder(gateway.Services);
        Assert.Equal("a", await Backend());
        a.Healthy = false;
        await Eventually.TrueAsync(async () => await Backend() == "b", "the failing /healthz takes a out", TimeSpan.FromSeconds(90));
        // HTTP probes are counted like the L4 kinds, per destination and result.
        Assert.True(metrics.Sum("l7gate.health.probes", ("kind", "http"), ("destination", "a"), ("result", "failed")) >= 1);
        Assert.True(metrics.Sum("l7gate.health.probes", ("kind", "http"), ("destination", "b"), ("result", "passed")) >= 1);
        a.Healthy = true;
        await Eventually.TrueAsync(async () => await Backend() == "a", "a passing /healthz brings a back", TimeSpan.FromSeconds(90));
    }

    [Fact]
    public async Task Watch_EventsKeepFlowingPastIdleTimeout_StreamSurvives()
    {
        await using var api = await TlsBackend.StartAsync("api", _certificates, ClientCertificateMode.AllowCertificate);
        var seconds = int.TryParse(Environment.GetEnvironmentVariable("L7GATE_WATCH_TEST_SECONDS"), out var s) ? s : 6;
        await using var gateway = await StreamsGateway.StartAsync(
            """{ "Listeners": { "apiserver": { "Endpoints": ["127.0.0.1:0"], "ClusterId": "apiservers", "IdleTimeout": "00:00:02" } } }""",
            $$"""{ "apiservers": { "Destinations": { "api": { "Address": "{{api.Address}}" } } } }""");
        using var client = Client(gateway, "apiserver", withCertificate: true);
        client.Timeout = TimeSpan.FromMinutes(2);

        // Events every 250 ms for longer than the 2 s idle timeout: the stream lives while bytes flow.
        var events = seconds * 4;
        var body = await client.GetStringAsync($"https://localhost/watch?events={events}&everyMs=250");

        Assert.Equal(events, body.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    private HttpClient Client(StreamsGateway gateway, string listener, bool withCertificate)
    {
        var endpoint = gateway.Listener(listener);
        var handler = new SocketsHttpHandler
        {
            // Every host name goes to the listener: the name only travels as SNI and Host.
            ConnectCallback = async (_, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                await socket.ConnectAsync(endpoint, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            },
            PooledConnectionLifetime = TimeSpan.Zero,
            SslOptions = new SslClientAuthenticationOptions
            {
                ClientCertificates = withCertificate ? new X509CertificateCollection { _certificates.Client } : null,
                RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                    certificate is not null && _certificates.IsIssuedByCa(X509CertificateLoader.LoadCertificate(certificate.GetRawCertData())),
            },
        };
        return new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };
    }
}
