using System.Net;

namespace L7Gate.Proxy.AccessControl;

/// <summary>Parses the CIDR lists of <see cref="AccessControlOptions"/> and the trusted-proxy networks.</summary>
public static class CidrList
{
    /// <summary>"192.0.2.0/24", "2001:db8::/32" or a bare address (a /32 or /128).</summary>
    public static bool TryParse(string? text, out IPNetwork network)
    {
        network = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var trimmed = text.Trim();
        if (trimmed.Contains('/'))
        {
            // Host bits set below the prefix ("192.0.2.1/24") are a typo worth an error, not a silent /24.
            return IPNetwork.TryParse(trimmed, out network)
                && IPAddress.TryParse(trimmed.AsSpan(0, trimmed.IndexOf('/')), out var given)
                && given.Equals(network.BaseAddress);
        }

        if (!IPAddress.TryParse(trimmed, out var address))
        {
            return false;
        }

        network = new IPNetwork(address, address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128);
        return true;
    }

    /// <summary>Parses a list already validated; invalid entries are skipped.</summary>
    public static IPNetwork[] Parse(IEnumerable<string>? texts)
    {
        var networks = new List<IPNetwork>();
        foreach (var text in texts ?? [])
        {
            if (TryParse(text, out var network))
            {
                networks.Add(network);
            }
        }

        return [.. networks];
    }
}
