using L7Gate.Configuration;
using Microsoft.AspNetCore.Http;

namespace L7Gate.Hosting;

/// <summary>
/// Whole-file validation of what Kestrel reads at startup: <c>Kestrel:Endpoints</c> (each <c>Url</c>, and for
/// <c>https</c> a certificate that loads) and that each <c>Urls</c> entry is a URL. Without it a bad listener passed <c>--check</c> and then
/// aborted the host at startup.
/// </summary>
internal static class ListenerConfigValidation
{
    public static ConfigSectionValidator Kestrel { get; } = new("Kestrel", (section, _) => ValidateKestrel(section));

    /// <summary>The root-level <c>Urls</c> key: every entry a listener URL (Kestrel ignores it when endpoints are set).</summary>
    public static ConfigSectionValidator Urls { get; } = new("Urls", (section, _) => ValidateUrls(section.Value));

    private static IReadOnlyList<ConfigError> ValidateKestrel(IConfigurationSection kestrel)
    {
        var errors = new List<ConfigError>();
        foreach (var endpoint in kestrel.GetSection("Endpoints").GetChildren())
        {
            var urlKey = $"{endpoint.Path}:Url";
            var url = endpoint["Url"];
            if (string.IsNullOrWhiteSpace(url))
            {
                errors.Add(new ConfigError(urlKey, $"{urlKey} is not set; give the listener URL, e.g. http://0.0.0.0:8080."));
                continue;
            }

            if (Parse(url) is not { } address)
            {
                errors.Add(new ConfigError(urlKey, $"{urlKey} '{url}' is not a listener URL; use http://HOST:PORT or https://HOST:PORT."));
                continue;
            }

            if (address.Scheme == "https")
            {
                var certificate = endpoint.GetSection("Certificate");
                var source = certificate.GetChildren().Any() ? certificate : kestrel.GetSection("Certificates:Default");
                errors.AddRange(CheckCertificate(source, $"{urlKey} '{url}' is https"));
            }
        }

        return errors;
    }

    private static IReadOnlyList<ConfigError> ValidateUrls(string? urls) =>
        ListenerBindings.Split(urls)
            .Where(url => Parse(url) is null)
            .Select(url => new ConfigError("Urls", $"Urls entry '{url}' is not a listener URL; use http://HOST:PORT or https://HOST:PORT."))
            .ToList();

    private static IEnumerable<ConfigError> CheckCertificate(IConfigurationSection certificate, string why)
    {
        if (!string.IsNullOrWhiteSpace(certificate["Subject"]))
        {
            yield break; // from a certificate store: Kestrel resolves it, the file system has nothing to check
        }

        using var loaded = CertificateFiles.TryLoad(certificate.Path, certificate["Path"], certificate["KeyPath"], certificate["Password"], out var error);
        if (loaded is null)
        {
            yield return new ConfigError($"{certificate.Path}:Path", $"{why}: {error}");
        }
    }

    private static BindingAddress? Parse(string url)
    {
        try
        {
            var address = BindingAddress.Parse(url);
            return address.Scheme is "http" or "https" && (address.IsUnixPipe || address.Port is >= 0 and <= 65535) && ListenerBindings.IsBindableHost(address) ? address : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
