using L7Gate.Proxy.Streams.Configuration;

namespace L7Gate.Proxy.Streams.Tls;

/// <summary>
/// A listener's SNI map: an exact name beats a wildcard, a longer wildcard beats a shorter one; no SNI or no match
/// gives the listener's ClusterId (null: the connection is closed). <c>*.example.com</c> matches one or more labels in
/// front of <c>example.com</c> (<c>a.example.com</c>, <c>a.b.example.com</c>), not <c>example.com</c> itself, as nginx's <c>map</c> with wildcards.
/// </summary>
public sealed class SniRouter
{
    private readonly Dictionary<string, string> _exact = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<(string Suffix, string ClusterId)> _wildcards = [];
    private readonly string? _defaultClusterId;

    /// <summary>Builds the map from a listener's options.</summary>
    public SniRouter(StreamListenerOptions listener)
    {
        _defaultClusterId = string.IsNullOrWhiteSpace(listener.ClusterId) ? null : listener.ClusterId;
        foreach (var (name, cluster) in listener.Sni ?? [])
        {
            if (name.StartsWith("*.", StringComparison.Ordinal))
            {
                _wildcards.Add((name[1..], cluster));
            }
            else
            {
                _exact[name.TrimEnd('.')] = cluster;
            }
        }

        _wildcards.Sort((a, b) => b.Suffix.Length.CompareTo(a.Suffix.Length));
    }

    /// <summary>True when the listener routes on SNI at all (the ClientHello must then be read).</summary>
    public bool UsesSni => _exact.Count > 0 || _wildcards.Count > 0;

    /// <summary>The cluster for <paramref name="serverName"/> (null when the client sent none).</summary>
    public string? Route(string? serverName)
    {
        if (string.IsNullOrEmpty(serverName))
        {
            return _defaultClusterId;
        }

        if (_exact.TryGetValue(serverName, out var exact))
        {
            return exact;
        }

        foreach (var (suffix, cluster) in _wildcards)
        {
            if (serverName.Length > suffix.Length && serverName.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
            {
                return cluster;
            }
        }

        return _defaultClusterId;
    }
}
