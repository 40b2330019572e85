using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;

namespace L7Gate.Hosting;

/// <summary>
/// <c>L7Gate --healthcheck [--config FILE]</c>: asks a running L7Gate for <c>/healthz</c> on its admin
/// listener and exits 0 (healthy) or 1. It exists for the container's HEALTHCHECK, because the ASP.NET
/// Core runtime image has no curl or wget.
/// </summary>
/// <remarks>
/// It reads the same config file and <c>Section__Key</c> environment variables as the server, so it
/// finds the admin address and API key wherever the operator put them, and never starts a host.
/// </remarks>
public static partial class HealthCheckCommand
{
    /// <summary>The switch that selects this command.</summary>
    public const string Switch = "--healthcheck";

    // Admin listener default (spec §3) when the config names none.
    private const string DefaultAdminUrl = "http://127.0.0.1:9901";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    /// <summary>True when <paramref name="args"/> ask for the health check rather than the server.</summary>
    public static bool IsRequested(string[] args) => args.Contains(Switch, StringComparer.Ordinal);

    /// <summary>Runs the check and returns the process exit code (0 healthy, 1 not).</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        var url = HealthUrl(LoadConfiguration(args));
        try
        {
            using var handler = new HttpClientHandler
            {
                // The check only ever talks to this host's own listener; its certificate is for the
                // public name, not for 127.0.0.1.
                ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator,
            };
            using var client = new HttpClient(handler) { Timeout = Timeout };
            using var request = new HttpRequestMessage(HttpMethod.Get, url.Uri);
            if (url.ApiKey is { Length: > 0 } key)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
            }

            using var response = await client.SendAsync(request);
            Console.WriteLine($"{url.Uri}: {(int)response.StatusCode} {response.ReasonPhrase}");
            return response.IsSuccessStatusCode ? 0 : 1;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            Console.Error.WriteLine($"{url.Uri}: {ex.Message}");
            return 1;
        }
    }

    private static IConfiguration LoadConfiguration(string[] args)
    {
        var builder = new ConfigurationBuilder();
        var index = Array.IndexOf(args, "--config");
        if (index >= 0 && index + 1 < args.Length)
        {
            builder.AddJsonFile(Path.GetFullPath(args[index + 1]), optional: true);
        }

        return builder.AddEnvironmentVariables().Build();
    }

    private static (Uri Uri, string? ApiKey) HealthUrl(IConfiguration config)
    {
        var urls = config["Admin:Urls"] ?? config["Admin:Urls:0"];
        var first = string.IsNullOrWhiteSpace(urls)
            ? DefaultAdminUrl
            : urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[0];

        // Kestrel's wildcard hosts are bind addresses, not destinations: ask over loopback instead.
        var match = UrlPattern().Match(first);
        if (match.Success && match.Groups["host"].Value is "+" or "*" or "0.0.0.0" or "[::]" or "localhost")
        {
            first = $"{match.Groups["scheme"].Value}://127.0.0.1{match.Groups["rest"].Value}";
        }

        return (new Uri(new Uri(first.TrimEnd('/') + "/"), "healthz"), config["Admin:ApiKey"]);
    }

    [GeneratedRegex(@"^(?<scheme>[a-zA-Z]+)://(?<host>\[[^\]]*\]|[^:/]+)(?<rest>.*)$")]
    private static partial Regex UrlPattern();
}
