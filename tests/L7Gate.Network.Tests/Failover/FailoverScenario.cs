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

    /// <summary>n1 (priority 150) masters <see cref="FailoverLab.Vip1"/> and serves, n2 (100) is its backup; returns n1's gateway.</summary>
    public static async Task<L7GateNode> StartPairAsync(FailoverLab lab, TimeSpan? interval = null)
    {
        var every = interval ?? Interval;
        var (n1, n2) = (lab.Nodes[0], lab.Nodes[1]);
        var master = await lab.StartL7GateAsync(n1, Instance(priority: 150) with { AdvertisementInterval = every });
        await lab.StartL7GateAsync(n2, Instance(priority: 100) with { AdvertisementInterval = every });
        await AssertHolderAsync(lab, FailoverLab.Vip1, n1, TimeSpan.FromSeconds(3) + (5 * every));
        await AssertServesAsync(lab, FailoverLab.Vip1);
        return master;
    }

    /// <summary>
    /// The planned-handover setup: n1 (priority 150) masters <see cref="FailoverLab.Vip1"/>, n2 (100) has served
    /// before, as a node of a running pair has (an idle backup's first proxied requests pay for JIT compilation,
    /// a separate matter from the handover), the client's ARP entry is past locktime, and a client has been
    /// sending 150 requests/s (300 ms timeout) to the VIP for a second. Returns n1's gateway and that load.
    /// </summary>
    public static async Task<(L7GateNode Master, SteadyLoad Load)> StartPairUnderSteadyLoadAsync(FailoverLab lab)
    {
        var n2 = lab.Nodes[1];
        var master = await StartPairAsync(lab);
        for (var i = 0; i < 20; i++)
        {
            await HttpProbe.GetAsync(lab.ClientThread, new IPEndPoint(n2.Address, L7GateNode.ProxyPort), TimeSpan.FromSeconds(2));
        }

        await Task.Delay(TimeSpan.FromSeconds(1.2));
        var load = SteadyLoad.Start(new LoadClient(lab.ClientThread, new IPEndPoint(FailoverLab.Vip1, L7GateNode.ProxyPort), ratePerSecond: 150, TimeSpan.FromMilliseconds(300)));
        await Task.Delay(TimeSpan.FromSeconds(1));
        return (master, load);
    }

    /// <summary>
    /// The planned-handover verdict on the requests a handover at <paramref name="eventAt"/> could touch (from one
    /// client timeout before it to the end): not one may fail. keepalived + HAProxy lose about 14 here.
    /// </summary>
    public static void AssertNothingLost(FailoverLab lab, LoadResult all, long eventAt)
    {
        var result = all.Since(eventAt, -TimeSpan.FromMilliseconds(300));
        Assert.True(result.Total > 150, $"only {result.Total} requests were sent");
        Assert.True(result.Failed == 0,
            $"{result.Failed} of {result.Total} requests failed ({result.FailureTimeline(eventAt)} from the handover), service down for {result.LongestOutage.TotalMilliseconds:0} ms at most{Environment.NewLine}{lab.Logs()}");
    }
}

/// <summary>A <see cref="LoadClient"/> running in the background until <see cref="StopAsync"/> (or, when a test fails first, disposal).</summary>
internal sealed class SteadyLoad : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private Task<LoadResult> _run = null!;

    private SteadyLoad()
    {
    }

    public static SteadyLoad Start(LoadClient client)
    {
        var load = new SteadyLoad();

        // Off the test framework's synchronization context (two threads, one of them the test's own): the client's
        // continuations must not wait for whatever the test blocks on.
        load._run = Task.Run(() => client.RunAsync(load._stop.Token));
        return load;
    }

    /// <summary>Stops sending and returns every request's outcome.</summary>
    public async Task<LoadResult> StopAsync()
    {
        await _stop.CancelAsync();
        return await _run;
    }

    public void Dispose()
    {
        _stop.Cancel();
        _stop.Dispose();
    }
}
