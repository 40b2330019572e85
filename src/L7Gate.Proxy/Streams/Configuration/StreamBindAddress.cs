using System.Globalization;
using System.Net;

namespace L7Gate.Proxy.Streams.Configuration;

/// <summary>A parsed listener endpoint: an IP literal, every address (<c>*</c>), or <c>localhost</c> (both loopbacks).</summary>
/// <param name="Address">The IP to bind; null for <c>*</c> and <c>localhost</c>.</param>
/// <param name="Port">TCP port, 0 for one the system picks.</param>
/// <param name="IsLocalhost">True for <c>localhost</c>.</param>
public sealed record StreamBindAddress(IPAddress? Address, int Port, bool IsLocalhost)
{
    /// <summary>Parses <c>"0.0.0.0:6443"</c>, <c>"[::]:6443"</c>, <c>"*:6443"</c>, <c>"localhost:6443"</c>; null when it is none of these.</summary>
    public static StreamBindAddress? TryParse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var colon = text.LastIndexOf(':');
        if (colon <= 0
            || !int.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port)
            || port > 65535)
        {
            return null;
        }

        var host = text[..colon];
        if (host is "*" or "+")
        {
            return new StreamBindAddress(null, port, false);
        }

        if (host.Equals("localhost", StringComparison.OrdinalIgnoreCase))
        {
            return new StreamBindAddress(null, port, true);
        }

        if (host.StartsWith('[') && host.EndsWith(']'))
        {
            return IPAddress.TryParse(host[1..^1], out var v6) && v6.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6
                ? new StreamBindAddress(v6, port, false)
                : null;
        }

        return IPAddress.TryParse(host, out var v4) && v4.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork
            ? new StreamBindAddress(v4, port, false)
            : null;
    }
}
