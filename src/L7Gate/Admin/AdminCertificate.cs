using System.Security.Cryptography.X509Certificates;
using L7Gate.Hosting;

namespace L7Gate.Admin;

/// <summary>Loads <see cref="AdminCertificateOptions"/> the same way for validation and for the listener.</summary>
public static class AdminCertificate
{
    /// <summary>True when any entry of <c>Admin:Urls</c> is an <c>https://</c> listener.</summary>
    public static bool AnyHttps(string? urls) =>
        AdminUrls.Split(urls).Any(url => AdminUrls.TryParse(url) is { Scheme: "https" });

    /// <summary>The certificate with its private key, or null and the reason it cannot be used.</summary>
    public static X509Certificate2? TryLoad(AdminCertificateOptions? options, out string? error) =>
        CertificateFiles.TryLoad("Admin:Certificate", options?.Path, options?.KeyPath, options?.Password, out error);
}
