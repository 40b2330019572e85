namespace L7Gate.Admin;

/// <summary>
/// <c>Admin:Certificate</c>: the server certificate of an <c>https://</c> admin listener, with the same keys as
/// Kestrel's endpoint certificates: a PEM certificate and its key (<see cref="Path"/> + <see cref="KeyPath"/>, the
/// key optionally encrypted with <see cref="Password"/>), or a PKCS#12 file (<see cref="Path"/> + <see cref="Password"/>).
/// nginx: <c>ssl_certificate</c> / <c>ssl_certificate_key</c> / <c>ssl_password_file</c>; HAProxy: <c>bind … ssl crt</c>.
/// Read at startup.
/// </summary>
public sealed class AdminCertificateOptions
{
    /// <summary>PEM certificate (with <see cref="KeyPath"/>) or PKCS#12 (.pfx/.p12) file; relative to the working directory.</summary>
    public string? Path { get; set; }

    /// <summary>PEM private key of the certificate in <see cref="Path"/>; unset for a PKCS#12 file.</summary>
    public string? KeyPath { get; set; }

    /// <summary>Password of the PKCS#12 file or of the encrypted PEM key; unset when they are not protected.</summary>
    public string? Password { get; set; }
}
