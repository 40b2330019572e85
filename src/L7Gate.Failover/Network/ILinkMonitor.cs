using System.Net;

namespace L7Gate.Failover.Network;

/// <summary>Interface facts the engine needs: operational state and primary IPv4 address.</summary>
public interface ILinkMonitor
{
    /// <summary>Whether the interface exists and is operationally up (carrier).</summary>
    bool IsUp(string interfaceName);

    /// <summary>The interface's primary IPv4 address (first non-VIP address), or null.</summary>
    IPAddress? PrimaryAddress(string interfaceName);
}
