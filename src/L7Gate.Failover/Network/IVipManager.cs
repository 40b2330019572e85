using System.Net;

namespace L7Gate.Failover.Network;

/// <summary>Adds and removes virtual IPs on an interface (rtnetlink in production).</summary>
/// <remarks>
/// A VIP is an address plus a prefix length (keepalived's <c>192.0.2.100/24</c>). It is not an
/// <see cref="IPNetwork"/>: that type masks the host bits away (<c>192.0.2.100/24</c> becomes <c>192.0.2.0/24</c>).
/// </remarks>
public interface IVipManager
{
    /// <summary>Add the address with its prefix length; adding one already present is not an error.</summary>
    Task AddAsync(string interfaceName, IPAddress address, int prefixLength, CancellationToken cancellationToken);

    /// <summary>Remove the address; removing one that is absent is not an error.</summary>
    Task RemoveAsync(string interfaceName, IPAddress address, int prefixLength, CancellationToken cancellationToken);

    /// <summary>Whether the address is currently on the interface.</summary>
    Task<bool> IsPresentAsync(string interfaceName, IPAddress address, CancellationToken cancellationToken);
}
