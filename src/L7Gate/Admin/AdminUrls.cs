using System.Net;
using Microsoft.AspNetCore.Http;

namespace L7Gate.Admin;

/// <summary>Parsing of <see cref="AdminOptions.Urls"/> and the loopback test that decides whether reads need the key.</summary>
public static class AdminUrls
{
    /// <summary>The non-empty entries of a semicolon-separated URL list.</summary>
    public static IReadOnlyList<string> Split(string? urls) =>
        (urls ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Parses one listener URL the way Kestrel does; null when it is not a usable http(s) address.</summary>
    public static BindingAddress? TryParse(string url)
    {
        try
        {
            var address = BindingAddress.Parse(url);
            var scheme = address.Scheme;
            return (scheme == "http" || scheme == "https") && !address.IsUnixPipe && address.Port >= 0 && address.Port <= 65535 && L7Gate.Hosting.ListenerBindings.IsBindableHost(address)
                ? address
                : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>
    /// True when the address only accepts connections from this host: <c>localhost</c>, 127.0.0.0/8 or ::1.
    /// Wildcards (<c>*</c>, <c>+</c>, 0.0.0.0, [::]) and host names are not: they can be reached from the network.
    /// </summary>
    public static bool IsLoopback(BindingAddress address)
    {
        var host = address.Host.Trim('[', ']');
        if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        return IPAddress.TryParse(host, out var ip) && IPAddress.IsLoopback(ip);
    }

    /// <summary>True when any listener of <paramref name="urls"/> is reachable from other hosts (unparsable counts as reachable).</summary>
    public static bool AnyNonLoopback(string? urls) =>
        Split(urls).Any(url => TryParse(url) is not { } address || !IsLoopback(address));
}
