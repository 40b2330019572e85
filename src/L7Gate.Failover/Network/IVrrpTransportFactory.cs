using System.Net;

namespace L7Gate.Failover.Network;

/// <summary>Opens a transport for one VRRP instance.</summary>
public interface IVrrpTransportFactory
{
    /// <param name="interfaceName">Interface to bind to (SO_BINDTODEVICE).</param>
    /// <param name="source">Source address for adverts (the interface's primary address or UnicastSource).</param>
    /// <param name="joinMulticast">Join 224.0.0.18 on the interface (false when unicast peers are configured).</param>
    IVrrpTransport Open(string interfaceName, IPAddress source, bool joinMulticast);

    /// <summary>
    /// As <see cref="Open(string, IPAddress, bool)"/>, but adverts leave by <paramref name="sendInterfaceName"/> (an instance's
    /// virtual MAC macvlan, so their source MAC is the virtual MAC) while receiving stays on <paramref name="interfaceName"/>.
    /// </summary>
    IVrrpTransport Open(string interfaceName, IPAddress source, bool joinMulticast, string sendInterfaceName) =>
        sendInterfaceName == interfaceName
            ? Open(interfaceName, source, joinMulticast)
            : throw new NotSupportedException($"{GetType().Name} cannot send from another interface ({sendInterfaceName}) than it receives on ({interfaceName}).");
}
