using System.Net;
using Microsoft.AspNetCore.Http;

namespace L7Gate.Hosting;

/// <summary>
/// Matches configured listener URLs against the addresses a server reports as bound (IServerAddressesFeature):
/// port 0 matches whatever port was chosen, a wildcard or host name matches a bound any-address (Kestrel binds
/// those to [::] or 0.0.0.0), <c>localhost</c> matches a bound loopback.
/// </summary>
public static class ListenerBindings
{
    /// <summary>The non-empty entries of a semicolon-separated URL list.</summary>
    public static IReadOnlyList<string> Split(string? urls) =>
        (urls ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>The entries of <paramref name="configured"/> that no entry of <paramref name="bound"/> accounts for.</summary>
    public static IReadOnlyList<string> Unbound(IEnumerable<string> configured, IEnumerable<string> bound)
    {
        var remaining = bound.Select(TryParse).OfType<BindingAddress>().ToList();
        var unbound = new List<string>();

        // Fixed ports first, so that a port-0 listener cannot take the bound address a fixed one needs.
        foreach (var url in configured.OrderBy(url => TryParse(url)?.Port == 0))
        {
            if (TryParse(url) is not { } wanted)
            {
                unbound.Add(url);
                continue;
            }

            var match = remaining.FirstOrDefault(address => Matches(wanted, address));
            if (match is null)
            {
                unbound.Add(url);
            }
            else
            {
                remaining.Remove(match);
            }
        }

        return unbound;
    }

    /// <summary>
    /// True when a parsed listener's host is one Kestrel can bind: <c>*</c>, <c>+</c>, <c>localhost</c>, an IP address
    /// or a DNS name. Kestrel's parser takes <c>http://user:pw@host:x</c> apart without complaint and fails later.
    /// </summary>
    public static bool IsBindableHost(BindingAddress address) =>
        address.IsUnixPipe || address.Host is "*" or "+" ||
        Uri.CheckHostName(address.Host.Trim('[', ']')) is UriHostNameType.Dns or UriHostNameType.IPv4 or UriHostNameType.IPv6;

    private static bool Matches(BindingAddress wanted, BindingAddress bound)
    {
        if (!string.Equals(wanted.Scheme, bound.Scheme, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        if (wanted.IsUnixPipe || bound.IsUnixPipe)
        {
            return wanted.IsUnixPipe && bound.IsUnixPipe && wanted.UnixPipePath == bound.UnixPipePath;
        }

        if (wanted.Port != 0 && wanted.Port != bound.Port)
        {
            return false;
        }

        return (Kind(wanted.Host, out var wantedIp), Kind(bound.Host, out var boundIp)) switch
        {
            (HostKind.Localhost, HostKind.Localhost or HostKind.Loopback) => true,
            (HostKind.Any, HostKind.Any) => true,
            (HostKind.Loopback or HostKind.Address, _) => wantedIp!.Equals(boundIp),
            _ => false,
        };
    }

    private static HostKind Kind(string host, out IPAddress? ip)
    {
        ip = null;
        host = host.Trim('[', ']');
        if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            return HostKind.Localhost;
        }

        if (host is "*" or "+" || !IPAddress.TryParse(host, out ip))
        {
            return HostKind.Any; // Kestrel binds a host name to the any-address
        }

        if (ip.Equals(IPAddress.Any) || ip.Equals(IPAddress.IPv6Any))
        {
            return HostKind.Any;
        }

        return IPAddress.IsLoopback(ip) ? HostKind.Loopback : HostKind.Address;
    }

    private static BindingAddress? TryParse(string url)
    {
        try
        {
            return BindingAddress.Parse(url);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private enum HostKind
    {
        Localhost,
        Loopback,
        Any,
        Address,
    }
}
