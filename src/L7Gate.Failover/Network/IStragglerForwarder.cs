using System.Net;

namespace L7Gate.Failover.Network;

/// <summary>
/// After a planned handover, sends the packets of connections the former master still serves back to it.
/// </summary>
/// <remarks>
/// When the new master's gratuitous ARP moves clients, a connection whose handshake the former master completed a
/// moment earlier sends its request to the new master, which has no socket for it and would answer with a reset.
/// For <c>window</c> (no longer than the former master's drain grace, while it still holds the VIPs) the new master
/// keeps the TCP packets to the VIPs of connections it did not see open, and forwards them to the former master.
/// </remarks>
public interface IStragglerForwarder
{
    /// <summary>
    /// Starts forwarding on <paramref name="interfaceName"/> for <paramref name="window"/>, then stops by itself.
    /// Throws when the forwarding could not be set up (the handover goes on without it).
    /// </summary>
    void Start(string interfaceName, byte vrid, IPAddress formerMaster, IReadOnlyList<IPAddress> vips, TimeSpan window);

    /// <summary>Removes the forwarding of this instance, current or left behind by a previous run; absent is not an error.</summary>
    void Stop(string interfaceName, byte vrid);
}
