using System.Collections.Concurrent;
using System.Net;
using L7Gate.Failover.Network;
using L7Gate.Failover.Protocol;

namespace L7Gate.Failover.Tests.Fakes;

/// <summary>An in-memory LAN: a multicast advert reaches every other transport that joined the group; a unicast one reaches its destination.</summary>
internal sealed class FakeVrrpSegment
{
    private readonly List<FakeVrrpTransport> _transports = [];

    /// <summary>When true the LAN is cut: nothing is delivered (partition).</summary>
    public volatile bool Partitioned;

    /// <summary>Senders whose packets are dropped (a one-way cut).</summary>
    public ConcurrentDictionary<IPAddress, bool> Muted { get; } = new();

    public void Attach(FakeVrrpTransport transport)
    {
        lock (_transports)
        {
            _transports.Add(transport);
        }
    }

    public void Deliver(FakeVrrpTransport from, byte[] message, IPAddress destination)
    {
        if (Partitioned || Muted.ContainsKey(from.Source))
        {
            return;
        }

        FakeVrrpTransport[] targets;
        lock (_transports)
        {
            targets = _transports.Where(t => t != from && !t.Disposed
                && (destination.Equals(VrrpReceiveFilter.MulticastGroup) ? t.JoinedMulticast : t.Source.Equals(destination))).ToArray();
        }

        foreach (var target in targets)
        {
            target.Inject(new ReceivedVrrpPacket(from.Source, destination, 255, message));
        }
    }
}
