using System.Collections.Concurrent;
using System.Net;
using System.Threading.Channels;
using L7Gate.Failover.Network;
using L7Gate.Failover.Protocol;

namespace L7Gate.Failover.Tests.Fakes;

internal sealed class FakeVrrpTransport(string interfaceName, IPAddress source, bool joinedMulticast, FakeVrrpSegment? segment) : IVrrpTransport
{
    private readonly Channel<ReceivedVrrpPacket> _inbox = Channel.CreateUnbounded<ReceivedVrrpPacket>();

    public string InterfaceName { get; } = interfaceName;

    public IPAddress Source { get; } = source;

    public bool JoinedMulticast { get; } = joinedMulticast;

    public ConcurrentQueue<(byte[] Message, IPAddress Destination)> Sent { get; } = new();

    public volatile bool Disposed;

    /// <summary>Decoded priorities of every advert sent, in order.</summary>
    public IReadOnlyList<byte> SentPriorities => Sent.Select(s => s.Message[2]).ToArray();

    public ValueTask SendAsync(ReadOnlyMemory<byte> vrrpMessage, IPAddress destination, CancellationToken cancellationToken)
    {
        var copy = vrrpMessage.ToArray();
        Sent.Enqueue((copy, destination));
        segment?.Deliver(this, copy, destination);
        return ValueTask.CompletedTask;
    }

    public ValueTask<ReceivedVrrpPacket> ReceiveAsync(CancellationToken cancellationToken) => _inbox.Reader.ReadAsync(cancellationToken);

    private long _injected;

    /// <summary>Packets put in the inbox so far.</summary>
    public long Injected => Interlocked.Read(ref _injected);

    public void Inject(ReceivedVrrpPacket packet)
    {
        Interlocked.Increment(ref _injected);
        _inbox.Writer.TryWrite(packet);
    }

    /// <summary>Injects an advert as if <paramref name="from"/> had sent it to 224.0.0.18.</summary>
    public void InjectAdvert(VrrpAdvertisement advert, IPAddress from, byte ttl = 255) =>
        Inject(new ReceivedVrrpPacket(from, VrrpReceiveFilter.MulticastGroup, ttl, VrrpCodec.Encode(advert, from, VrrpReceiveFilter.MulticastGroup)));

    public ValueTask DisposeAsync()
    {
        Disposed = true;
        _inbox.Writer.TryComplete();
        return ValueTask.CompletedTask;
    }
}
