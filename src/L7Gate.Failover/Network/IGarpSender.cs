using System.Net;

namespace L7Gate.Failover.Network;

/// <summary>Sends gratuitous ARP announcing that <c>address</c> now lives at the interface's MAC (SharpPcap in production).</summary>
public interface IGarpSender
{
    Task SendAsync(string interfaceName, IPAddress address, CancellationToken cancellationToken);
}
