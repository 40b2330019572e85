using System.Net;

namespace L7Gate.Proxy.Streams.ProxyProtocol;

/// <summary>
/// A PROXY protocol header: the original client and the address it connected to, as seen by the load balancer in
/// front. Both are null for v1 <c>UNKNOWN</c>, v2 <c>LOCAL</c> (the balancer's own health check) or an address
/// family other than TCP over IPv4/IPv6.
/// </summary>
/// <param name="Version">1 (text) or 2 (binary).</param>
/// <param name="Source">The original client.</param>
/// <param name="Destination">The address the client connected to.</param>
public sealed record ProxyProtocolHeader(int Version, IPEndPoint? Source, IPEndPoint? Destination);
