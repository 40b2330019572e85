using System.Diagnostics;
using System.Net;
using L7Gate.Failover.Network.Linux;

namespace L7Gate.Network.Tests.Lab;

/// <summary>Watches a node's interface for a VIP through rtnetlink, polling every millisecond, to time a takeover.</summary>
public sealed class VipWatch
{
    private readonly NetnsThread _thread;
    private readonly NetlinkVipManager _vips = new();

    public VipWatch(NetnsLab lab, LabNode node, IReadOnlyList<string>? extraInterfaces = null)
    {
        _thread = lab.ThreadIn(node);
        Interfaces = [node.Interface, .. extraInterfaces ?? []];
    }

    // The node's interface, and a virtual MAC macvlan the VIPs live on instead when one is configured.
    private IReadOnlyList<string> Interfaces { get; }

    /// <summary>Whether the VIP is on the interface now.</summary>
    public bool Has(IPAddress vip) => _thread.Invoke(() => IsPresent(vip));

    /// <summary>
    /// Polls until the VIP is present (or absent, with <paramref name="present"/> false); returns the elapsed time since
    /// <paramref name="since"/>, or null on timeout. The loop runs on the namespace thread, a dedicated thread, so the
    /// time is the kernel's, not whenever the test's own (shared, possibly blocked) threads get to look.
    /// </summary>
    public Task<TimeSpan?> WaitAsync(IPAddress vip, long since, TimeSpan timeout, bool present = true) => _thread.InvokeAsync<TimeSpan?>(() =>
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < deadline)
        {
            if (IsPresent(vip) == present)
            {
                return Stopwatch.GetElapsedTime(since);
            }

            Thread.Sleep(1);
        }

        return null;
    });

    // On the namespace thread: rtnetlink answers for the namespace the asking thread is in.
    private bool IsPresent(IPAddress vip) => Interfaces.Any(i => _vips.IsPresentAsync(i, vip, default).GetAwaiter().GetResult());
}
