using System.Collections.Concurrent;
using System.Net;
using L7Gate.Failover.Network;

namespace L7Gate.Failover.Tests.Fakes;

/// <summary>Addresses on interfaces, in memory, with an ordered log of every change.</summary>
internal sealed class FakeVipManager : IVipManager
{
    private readonly ConcurrentDictionary<(string Interface, IPAddress Address), int> _addresses = new();

    public ConcurrentQueue<string> Log { get; } = new();

    public bool IsPresent(string address, string interfaceName = "eth0") => _addresses.ContainsKey((interfaceName, IPAddress.Parse(address)));

    public void Preload(string interfaceName, string address, int prefixLength) => _addresses[(interfaceName, IPAddress.Parse(address))] = prefixLength;

    public Task AddAsync(string interfaceName, IPAddress address, int prefixLength, CancellationToken cancellationToken)
    {
        _addresses[(interfaceName, address)] = prefixLength;
        Log.Enqueue($"add {address}/{prefixLength} {interfaceName}");
        return Task.CompletedTask;
    }

    public Task RemoveAsync(string interfaceName, IPAddress address, int prefixLength, CancellationToken cancellationToken)
    {
        _addresses.TryRemove((interfaceName, address), out _);
        Log.Enqueue($"remove {address}/{prefixLength} {interfaceName}");
        return Task.CompletedTask;
    }

    public Task<bool> IsPresentAsync(string interfaceName, IPAddress address, CancellationToken cancellationToken) =>
        Task.FromResult(_addresses.ContainsKey((interfaceName, address)));
}
