using System.Net;
using System.Net.Sockets;
using L7Gate.Failover.Network.Linux.Nftables;

namespace L7Gate.Failover.Network.Linux;

/// <summary>
/// <see cref="IVipArpGuard"/> with one nftables <c>arp</c> table, <c>l7gate_vip_arp</c>, whose output hook drops ARP
/// replies from the muted VIPs. The table is rebuilt whole on every change (one atomic transaction) and absent when
/// nothing is muted. Needs CAP_NET_ADMIN and libnftables1.
/// </summary>
internal sealed class NftablesVipArpGuard : IVipArpGuard
{
    private const string Table = "l7gate_vip_arp";
    private readonly Lock _lock = new();
    private readonly SortedSet<string> _muted = new(StringComparer.Ordinal);

    public void SetMuted(IPAddress vip, bool muted)
    {
        if (vip.AddressFamily != AddressFamily.InterNetwork)
        {
            throw new ArgumentException("ARP guards IPv4 addresses only", nameof(vip));
        }

        lock (_lock)
        {
            if (muted ? _muted.Add(vip.ToString()) : _muted.Remove(vip.ToString()))
            {
                Apply();
            }
        }
    }

    public void Reset()
    {
        if (!LibNftables.IsAvailable)
        {
            return; // nothing can have been installed
        }

        lock (_lock)
        {
            _muted.Clear();
            Apply();
        }
    }

    private void Apply()
    {
        var commands = $"add table arp {Table}\ndelete table arp {Table}\n";
        if (_muted.Count > 0)
        {
            commands += $$"""
                table arp {{Table}} {
                    chain out {
                        type filter hook output priority 0; policy accept;
                        arp operation reply arp saddr ip { {{string.Join(", ", _muted)}} } drop
                    }
                }

                """;
        }

        LibNftables.Run(commands);
    }
}
