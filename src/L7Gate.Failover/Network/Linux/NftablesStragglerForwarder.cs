using System.Net;
using L7Gate.Failover.Network.Linux.Nftables;

namespace L7Gate.Failover.Network.Linux;

/// <summary>
/// <see cref="IStragglerForwarder"/> with an nftables <c>netdev</c> table per instance (see
/// <see cref="StragglerRuleset"/>), applied in-process through libnftables and removed when its window ends.
/// Needs CAP_NET_ADMIN, as adding the VIPs does.
/// </summary>
internal sealed class NftablesStragglerForwarder(TimeProvider time) : IStragglerForwarder, IDisposable
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, ITimer> _expiries = new(StringComparer.Ordinal);

    public void Start(string interfaceName, byte vrid, IPAddress formerMaster, IReadOnlyList<IPAddress> vips, TimeSpan window)
    {
        var table = StragglerRuleset.TableName(interfaceName, vrid);
        var ruleset = StragglerRuleset.Install(interfaceName, vrid, formerMaster, vips);
        lock (_lock)
        {
            CancelExpiry(table);
            LibNftables.Run(ruleset);
            ITimer? expiry = null;
            expiry = time.CreateTimer(_ => Expire(interfaceName, vrid, table, expiry!), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            _expiries[table] = expiry;
            expiry.Change(window, Timeout.InfiniteTimeSpan);
        }
    }

    public void Stop(string interfaceName, byte vrid)
    {
        if (!LibNftables.IsAvailable)
        {
            return; // nothing can have been installed
        }

        lock (_lock)
        {
            CancelExpiry(StragglerRuleset.TableName(interfaceName, vrid));
            LibNftables.Run(StragglerRuleset.Remove(interfaceName, vrid));
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            foreach (var expiry in _expiries.Values)
            {
                expiry.Dispose();
            }

            _expiries.Clear();
        }
    }

    private void Expire(string interfaceName, byte vrid, string table, ITimer expiry)
    {
        lock (_lock)
        {
            // A newer Start replaced this window's timer: its table is not ours to remove.
            if (!_expiries.TryGetValue(table, out var current) || !ReferenceEquals(current, expiry))
            {
                return;
            }

            CancelExpiry(table);
            try
            {
                LibNftables.Run(StragglerRuleset.Remove(interfaceName, vrid));
            }
            catch (InvalidOperationException)
            {
                // Removed by someone else (an operator's nft flush); nothing left to do.
            }
        }
    }

    private void CancelExpiry(string table)
    {
        if (_expiries.Remove(table, out var expiry))
        {
            expiry.Dispose();
        }
    }
}
