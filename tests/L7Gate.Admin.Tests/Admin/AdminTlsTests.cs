using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using L7Gate.Admin.Tests.Infrastructure;

namespace L7Gate.Admin.Tests.Admin;

/// <summary>
/// An <c>https://</c> <c>Admin:Urls</c> serves TLS with <c>Admin:Certificate</c> (Kestrel's certificate keys);
/// without a usable certificate <c>--check</c> and startup say so in one line and exit 1 (they used to pass the
/// check and then abort at startup, exit 134).
/// </summary>
public class AdminTlsTests : BackendTests, IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("l7gate-admin-tls-").FullName;

    [Fact]
    public async Task Start_HttpsAdminWithPemCertificate_ServesTlsWithThatCertificate()
    {
        using var certificate = MakeCertificate();
        var certPath = Path.Combine(_directory, "admin.crt");
        var keyPath = Path.Combine(_directory, "admin.key");
        await File.WriteAllTextAsync(certPath, certificate.ExportCertificatePem());
        await File.WriteAllTextAsync(keyPath, certificate.GetRSAPrivateKey()!.ExportPkcs8PrivateKeyPem());
        var config = TestConfig.Gateway([A]);
        config["Admin"]!["Urls"] = "https://127.0.0.1:0";
        config["Admin"]!["Certificate"] = new JsonObject { ["Path"] = certPath, ["KeyPath"] = keyPath };

        await using var gateway = GatewayProcess.Start(config);
        await gateway.WaitReadyAsync();

        Assert.StartsWith("https://", gateway.AdminUrl, StringComparison.Ordinal);
        X509Certificate2? presented = null;
        using var handler = new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, cert, _, _) =>
            {
                presented = cert is null ? null : new X509Certificate2(cert);
                return cert?.Thumbprint == certificate.Thumbprint;
            },
        };
        using var client = new HttpClient(handler) { BaseAddress = new Uri(gateway.AdminUrl) };
        using var ready = await client.GetAsync("/readyz");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal(certificate.Thumbprint, presented?.Thumbprint);
    }

    [Fact]
    public async Task Start_HttpsAdminWithPkcs12AndPassword_Serves()
    {
        using var certificate = MakeCertificate();
        var pfxPath = Path.Combine(_directory, "admin.pfx");
        await File.WriteAllBytesAsync(pfxPath, certificate.Export(X509ContentType.Pfx, "s3cret-pass"));
        var config = TestConfig.Gateway([A]);
        config["Admin"]!["Urls"] = "https://127.0.0.1:0";
        config["Admin"]!["Certificate"] = new JsonObject { ["Path"] = pfxPath, ["Password"] = "s3cret-pass" };

        await using var gateway = GatewayProcess.Start(config);
        await gateway.WaitReadyAsync();

        using var handler = new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, cert, _, _) => cert?.Thumbprint == certificate.Thumbprint };
        using var client = new HttpClient(handler) { BaseAddress = new Uri(gateway.AdminUrl) };
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
    }

    [Theory]
    [InlineData(false, "--check")]
    [InlineData(false, null)]
    [InlineData(true, "--check")]
    [InlineData(true, null)]
    public async Task Start_HttpsAdminWithoutUsableCertificate_OneLineNamingCertificateExitOne(bool wrongPassword, string? check)
    {
        var config = TestConfig.Gateway([A]);
        config["Admin"]!["Urls"] = "https://127.0.0.1:0";
        if (wrongPassword)
        {
            using var certificate = MakeCertificate();
            var pfxPath = Path.Combine(_directory, "admin.pfx");
            await File.WriteAllBytesAsync(pfxPath, certificate.Export(X509ContentType.Pfx, "right-password"));
            config["Admin"]!["Certificate"] = new JsonObject { ["Path"] = pfxPath, ["Password"] = "wrong-password" };
        }

        await using var gateway = GatewayProcess.Start(config, null, check is null ? [] : [check]);
        var exit = await gateway.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.True(exit == 1, $"exit {exit}:\n{gateway.Output}");
        Assert.Contains("Admin:Certificate:Path", gateway.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", gateway.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-password", gateway.Output, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static X509Certificate2 MakeCertificate()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=l7gate-admin-test", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(7));
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pfx), null, X509KeyStorageFlags.Exportable);
    }
}
