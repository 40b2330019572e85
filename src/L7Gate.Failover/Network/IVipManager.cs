using System.Net;

namespace L7Gate.Failover.Network;

/// <summary>Adds and removes virtual IPs on an interface (rtnetlink in production).</summary>
public interface IVipManager
{
    /// <summary>Add the address; adding one already present is not an error.</summary>
    Task AddAsync(string interfaceName, IPNetwork vip, CancellationToken cancellationToken);

    /// <summary>Remove the address; removing one that is absent is not an error.</summary>
    Task RemoveAsync(string interfaceName, IPNetwork vip, CancellationToken cancellationToken);

    /// <summary>Whether the address is currently on the interface.</summary>
    Task<bool> IsPresentAsync(string interfaceName, IPAddress address, CancellationToken cancellationToken);
}
