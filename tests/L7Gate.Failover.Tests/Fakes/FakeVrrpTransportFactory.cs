using System.Collections.Concurrent;
using System.Net;
using L7Gate.Failover.Network;

namespace L7Gate.Failover.Tests.Fakes;

internal sealed class FakeVrrpTransportFactory(FakeVrrpSegment? segment = null) : IVrrpTransportFactory
{
    public ConcurrentQueue<FakeVrrpTransport> Opened { get; } = new();

    public FakeVrrpTransport? Last => Opened.LastOrDefault();

    public IVrrpTransport Open(string interfaceName, IPAddress source, bool joinMulticast)
    {
        var transport = new FakeVrrpTransport(interfaceName, source, joinMulticast, segment);
        segment?.Attach(transport);
        Opened.Enqueue(transport);
        return transport;
    }
}
