using System.Net;
using L7Gate.Network.Tests.Lab;

namespace L7Gate.Network.Tests.Failover;

/// <summary>Shared settings and assertions of the process-level failover scenarios.</summary>
internal static class FailoverScenario
{
    /// <summary>VRRPv3 at 100 ms, the spec's timing target setting.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    /// <summary>The spec's margin for a takeover after a crash or link loss (brief: master-down + 200 ms in tests).</summary>
    public static readonly TimeSpan TakeoverMargin = TimeSpan.FromMilliseconds(200);

    public static VrrpInstanceSpec Instance(int priority, string name = "VI_1", int vrid = 51, string vip = "192.0.2.100/24", bool preempt = true) => new()
    {
        Name = name,
        VirtualRouterId = vrid,
        Priority = priority,
        Version = 3,
        AdvertisementInterval = Interval,
        Preempt = preempt,
        VirtualIPs = [vip],
    };

    /// <summary>Waits until exactly <paramref name="expected"/> holds <paramref name="vip"/>, failing with every log otherwise.</summary>
    public static async Task AssertHolderAsync(FailoverLab lab, IPAddress vip, LabNode expected, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        IReadOnlyList<string> holders;
        do
        {
            holders = lab.Holders(vip);
            if (holders is [var only] && only == expected.Name)
            {
                return;
            }

            await Task.Delay(20);
        }
        while (DateTime.UtcNow < deadline);
        Assert.Fail($"{vip} should be held by {expected.Name} alone within {within}, holders: [{string.Join(", ", holders)}]{Environment.NewLine}{lab.Logs()}");
    }

    /// <summary>Asserts <paramref name="expected"/> keeps holding <paramref name="vip"/> alone for <paramref name="during"/>.</summary>
    public static async Task AssertHolderStaysAsync(FailoverLab lab, IPAddress vip, LabNode expected, TimeSpan during)
    {
        var end = DateTime.UtcNow + during;
        while (DateTime.UtcNow < end)
        {
            var holders = lab.Holders(vip);
            Assert.True(holders is [var only] && only == expected.Name,
                $"{vip} should stay with {expected.Name} alone, holders: [{string.Join(", ", holders)}]{Environment.NewLine}{lab.Logs()}");
            await Task.Delay(50);
        }
    }

    /// <summary>A GET through the VIP succeeds (retrying briefly while the client's ARP cache follows the GARP).</summary>
    public static async Task AssertServesAsync(FailoverLab lab, IPAddress vip)
    {
        var result = await lab.GetEventuallyAsync(vip, TimeSpan.FromSeconds(3));
        Assert.True(result.Ok, $"GET http://{vip}/ failed: {result.Status}{Environment.NewLine}{lab.Logs()}");
        Assert.Contains("backend be1", result.Body, StringComparison.Ordinal);
    }
}
