using System.Collections.Concurrent;
using System.Net;
using L7Gate.Failover.Network;

namespace L7Gate.Failover.Tests.Fakes;

/// <summary>Interfaces are up unless set down; primary addresses as configured.</summary>
internal sealed class FakeLinkMonitor : ILinkMonitor
{
    public ConcurrentDictionary<string, bool> Up { get; } = new();

    public ConcurrentDictionary<string, IPAddress?> Primary { get; } = new();

    public bool IsUp(string interfaceName) => Up.GetValueOrDefault(interfaceName, true);

    public IPAddress? PrimaryAddress(string interfaceName) => Primary.GetValueOrDefault(interfaceName);
}
