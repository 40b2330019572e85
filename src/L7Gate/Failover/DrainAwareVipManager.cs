using System.Collections.Concurrent;
using System.Net;
using L7Gate.Failover.Network;

namespace L7Gate.Failover;

/// <summary>
/// Wraps the real <see cref="IVipManager"/> so that, during a planned stop, VIPs leave the interface only after
/// the proxy has drained: once the peer is master, new connections already go to it (its gratuitous ARP moved
/// the clients), but requests in flight here still answer from the VIP — remove it first and their response
/// packets have no source address left and the clients time out.
/// </summary>
/// <remarks>
/// Outside shutdown every call passes straight through. After <see cref="DeferRemovals"/> a removal is recorded
/// instead of done (the engine sees success); <see cref="ReleaseDeferredAsync"/> does them. A crash in between
/// leaves the VIP behind, which the next start removes, as after any crash.
/// </remarks>
internal sealed class DrainAwareVipManager(IVipManager inner) : IVipManager
{
    private readonly ConcurrentDictionary<(string Interface, IPAddress Address), int> _deferred = new();
    private volatile bool _deferring;

    /// <summary>From now on, record removals instead of doing them.</summary>
    public void DeferRemovals() => _deferring = true;

    /// <summary>Removes the recorded VIPs; returns how many there were.</summary>
    public async Task<int> ReleaseDeferredAsync(CancellationToken cancellationToken)
    {
        _deferring = false;
        var released = 0;
        foreach (var (key, prefixLength) in _deferred.ToArray())
        {
            if (_deferred.TryRemove(key, out _))
            {
                await inner.RemoveAsync(key.Interface, key.Address, prefixLength, cancellationToken).ConfigureAwait(false);
                released++;
            }
        }

        return released;
    }

    /// <inheritdoc />
    public Task AddAsync(string interfaceName, IPAddress address, int prefixLength, CancellationToken cancellationToken)
    {
        _deferred.TryRemove((interfaceName, address), out _);
        return inner.AddAsync(interfaceName, address, prefixLength, cancellationToken);
    }

    /// <inheritdoc />
    public Task RemoveAsync(string interfaceName, IPAddress address, int prefixLength, CancellationToken cancellationToken)
    {
        if (_deferring)
        {
            _deferred[(interfaceName, address)] = prefixLength;
            return Task.CompletedTask;
        }

        return inner.RemoveAsync(interfaceName, address, prefixLength, cancellationToken);
    }

    /// <inheritdoc />
    public Task<bool> IsPresentAsync(string interfaceName, IPAddress address, CancellationToken cancellationToken) =>
        inner.IsPresentAsync(interfaceName, address, cancellationToken);
}
