using System.Diagnostics;
using System.Net;
using L7Gate.Failover.Network.Linux;

namespace L7Gate.Network.Tests.Lab;

/// <summary>Watches a node's interface for a VIP through rtnetlink, polling every 2 ms, to time a takeover.</summary>
public sealed class VipWatch
{
    private readonly NetnsThread _thread;
    private readonly NetlinkVipManager _vips = new();

    public VipWatch(NetnsLab lab, LabNode node)
    {
        _thread = lab.ThreadIn(node);
        Interface = node.Interface;
    }

    private string Interface { get; }

    /// <summary>Whether the VIP is on the interface now.</summary>
    public bool Has(IPAddress vip) => _thread.Invoke(() => _vips.IsPresentAsync(Interface, vip, default).GetAwaiter().GetResult());

    /// <summary>Polls until the VIP is present (or absent, with <paramref name="present"/> false); returns the elapsed time since <paramref name="since"/>, or null on timeout.</summary>
    public async Task<TimeSpan?> WaitAsync(IPAddress vip, long since, TimeSpan timeout, bool present = true)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < deadline)
        {
            if (Has(vip) == present)
            {
                return Stopwatch.GetElapsedTime(since);
            }

            await Task.Delay(2);
        }

        return null;
    }
}
