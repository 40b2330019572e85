using System.Net;

namespace L7Gate.Failover.Network.Linux;

/// <summary>Opens a <see cref="RawSocketVrrpTransport"/> per VRRP instance.</summary>
public sealed class RawSocketVrrpTransportFactory : IVrrpTransportFactory
{
    /// <inheritdoc />
    public IVrrpTransport Open(string interfaceName, IPAddress source, bool joinMulticast) =>
        RawSocketVrrpTransport.Open(interfaceName, source, joinMulticast);

    /// <inheritdoc />
    public IVrrpTransport Open(string interfaceName, IPAddress source, bool joinMulticast, string sendInterfaceName) =>
        RawSocketVrrpTransport.Open(interfaceName, source, joinMulticast, sendInterfaceName);
}
