using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace L7Gate.Failover.Options;

/// <summary>
/// A VIP as keepalived writes it: an IPv4 address with a prefix length (<c>192.0.2.100/24</c>). Not an
/// <see cref="IPNetwork"/>, which would mask the host bits away.
/// </summary>
/// <param name="Address">The address.</param>
/// <param name="PrefixLength">0–32; 32 when omitted.</param>
public readonly record struct VirtualIpAddress(IPAddress Address, int PrefixLength)
{
    /// <summary>Parses <c>a.b.c.d</c> or <c>a.b.c.d/nn</c> (IPv4 dotted quad only).</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out VirtualIpAddress? vip)
    {
        vip = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var parts = text.Trim().Split('/');
        if (parts.Length > 2 || !IsDottedQuad(parts[0]) || !IPAddress.TryParse(parts[0], out var address)
            || address.AddressFamily != AddressFamily.InterNetwork)
        {
            return false;
        }

        int prefix = 32;
        if (parts.Length == 2 && (!int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out prefix) || prefix > 32))
        {
            return false;
        }

        vip = new VirtualIpAddress(address, prefix);
        return true;
    }

    /// <summary>Parses a plain IPv4 address in dotted-quad form (IPAddress.TryParse also accepts "1" or "1.2").</summary>
    public static bool TryParseAddress(string? text, [NotNullWhen(true)] out IPAddress? address)
    {
        address = null;
        return text is not null && IsDottedQuad(text.Trim()) && IPAddress.TryParse(text.Trim(), out address)
            && address.AddressFamily == AddressFamily.InterNetwork;
    }

    /// <inheritdoc />
    public override string ToString() => $"{Address}/{PrefixLength}";

    private static bool IsDottedQuad(string text) => text.Count(c => c == '.') == 3 && text.All(c => c == '.' || char.IsAsciiDigit(c));
}
