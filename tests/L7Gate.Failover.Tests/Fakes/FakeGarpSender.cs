using System.Collections.Concurrent;
using System.Net;
using L7Gate.Failover.Network;

namespace L7Gate.Failover.Tests.Fakes;

internal sealed class FakeGarpSender : IGarpSender
{
    public ConcurrentQueue<(string Interface, IPAddress Address)> Sent { get; } = new();

    public Task SendAsync(string interfaceName, IPAddress address, CancellationToken cancellationToken)
    {
        Sent.Enqueue((interfaceName, address));
        return Task.CompletedTask;
    }
}
