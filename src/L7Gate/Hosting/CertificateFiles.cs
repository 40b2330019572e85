using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace L7Gate.Hosting;

/// <summary>
/// Loads a server certificate from Kestrel-style keys (<c>Path</c> + <c>KeyPath</c> for PEM, <c>Path</c> +
/// <c>Password</c> for PKCS#12), so that validation loads exactly what the listener will.
/// </summary>
public static class CertificateFiles
{
    /// <summary>The certificate with its private key, or null and why not, naming the keys under <paramref name="keyPath"/>.</summary>
    public static X509Certificate2? TryLoad(string keyPath, string? path, string? privateKeyPath, string? password, out string? error)
    {
        error = null;
        if (string.IsNullOrWhiteSpace(path))
        {
            error = $"{keyPath}:Path is not set (Path + KeyPath for a PEM certificate and key, Path + Password for PKCS#12).";
            return null;
        }

        try
        {
            var certificate = string.IsNullOrWhiteSpace(privateKeyPath)
                ? X509CertificateLoader.LoadPkcs12FromFile(path, password)
                : string.IsNullOrEmpty(password)
                    ? X509Certificate2.CreateFromPemFile(path, privateKeyPath)
                    : X509Certificate2.CreateFromEncryptedPemFile(path, password, privateKeyPath);
            if (!certificate.HasPrivateKey)
            {
                certificate.Dispose();
                error = $"{keyPath}:Path '{path}' has no private key; give {keyPath}:KeyPath or a PKCS#12 file with its key.";
                return null;
            }

            return certificate;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or CryptographicException or ArgumentException)
        {
            var key = string.IsNullOrWhiteSpace(privateKeyPath) ? "" : $" / {keyPath}:KeyPath '{privateKeyPath}'";
            error = $"{keyPath}:Path '{path}'{key} cannot be loaded: {ex.Message}";
            return null;
        }
    }
}
