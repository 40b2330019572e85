using System.Diagnostics;
using System.Net;
using L7Gate.Network.Tests.Lab;
using L7Gate.Network.Tests.Privileged;
using static L7Gate.Network.Tests.Failover.FailoverScenario;

namespace L7Gate.Network.Tests.Failover;

/// <summary>
/// Maintenance through the admin API on real nodes: the master hands over as on SIGTERM, but keeps running; its VIP
/// stays for the drain grace after the peer took over, and leaving maintenance lets it preempt back.
/// </summary>
public sealed class MaintenanceHandoverTests
{
    [PrivilegedFact]
    public async Task AdminMaintenance_MasterUnderSteadyLoad_PeerTakesOverOldMasterDrainsThenPreemptsBack()
    {
        using var lab = await FailoverLab.CreateAsync();
        var (n1, n2) = (lab.Nodes[0], lab.Nodes[1]);
        var (g1, load) = await StartPairUnderSteadyLoadAsync(lab);
        using var running = load;

        var requestedAt = Stopwatch.GetTimestamp();

        // Both watches run from before the request, at once, each on its node's namespace thread.
        var takenWatch = lab.Watch(n2).WaitAsync(FailoverLab.Vip1, requestedAt, TimeSpan.FromSeconds(3));
        var releasedWatch = lab.Watch(n1).WaitAsync(FailoverLab.Vip1, requestedAt, TimeSpan.FromSeconds(4), present: false);
        var enter = await g1.MaintenanceAsync(enter: true);
        Assert.True(enter.Ok, $"POST maintenance: {enter.Status} {enter.Body}{Environment.NewLine}{lab.Logs()}");
        Assert.Contains("\"maintenance\":true", enter.Body, StringComparison.Ordinal);
        var (taken, released) = (await takenWatch, await releasedWatch);

        await Task.Delay(TimeSpan.FromSeconds(1));
        var all = await load.StopAsync();

        Assert.NotNull(taken);
        Assert.NotNull(released);

        // The old master kept the VIP for the drain grace (200 ms at 100 ms adverts) after the new one had it; the
        // 50 ms margin is the two watchers' polling.
        Assert.True(released - taken > TimeSpan.FromMilliseconds(150),
            $"n2 held the VIP after {taken!.Value.TotalMilliseconds:0} ms, n1 removed it after {released!.Value.TotalMilliseconds:0} ms{Environment.NewLine}{lab.Logs()}");
        AssertNothingLost(lab, all, requestedAt);
        await AssertHolderStaysAsync(lab, FailoverLab.Vip1, n2, TimeSpan.FromMilliseconds(500));

        var leave = await g1.MaintenanceAsync(enter: false);
        Assert.True(leave.Ok, $"DELETE maintenance: {leave.Status} {leave.Body}");
        await AssertHolderAsync(lab, FailoverLab.Vip1, n1, TimeSpan.FromSeconds(3));
        await AssertServesAsync(lab, FailoverLab.Vip1);
    }
}
