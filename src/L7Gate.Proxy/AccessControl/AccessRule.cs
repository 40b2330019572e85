using System.Net;

namespace L7Gate.Proxy.AccessControl;

/// <summary>A parsed allow/deny list, checked per request. Endpoint metadata of a route with <c>AccessControl</c>.</summary>
public sealed class AccessRule
{
    private readonly IPNetwork[] _allow;
    private readonly IPNetwork[] _deny;

    /// <summary>Parses validated options.</summary>
    public AccessRule(AccessControlOptions options)
    {
        _allow = CidrList.Parse(options.Allow);
        _deny = CidrList.Parse(options.Deny);
    }

    /// <summary>Whether the rule lets <paramref name="client"/> in: not denied, and allowed when there is an Allow list.
    /// An unknown client address (no socket) is let in only when there is no Allow list.</summary>
    public bool Permits(IPAddress? client)
    {
        if (client is null)
        {
            return _allow.Length == 0;
        }

        if (client.IsIPv4MappedToIPv6)
        {
            client = client.MapToIPv4();
        }

        foreach (var network in _deny)
        {
            if (network.Contains(client))
            {
                return false;
            }
        }

        if (_allow.Length == 0)
        {
            return true;
        }

        foreach (var network in _allow)
        {
            if (network.Contains(client))
            {
                return true;
            }
        }

        return false;
    }
}
