using L7Gate.Network.Tests.Lab;
using L7Gate.Network.Tests.Privileged;
using static L7Gate.Network.Tests.Failover.FailoverScenario;

namespace L7Gate.Network.Tests.Failover;

public sealed class PlannedHandoverTests
{
    [PrivilegedFact]
    public async Task Sigterm_MasterUnderSteadyLoad_ClientLosesNothing()
    {
        using var lab = await FailoverLab.CreateAsync();
        var (g1, load) = await StartPairUnderSteadyLoadAsync(lab);
        using var running = load;

        var stoppedAt = System.Diagnostics.Stopwatch.GetTimestamp();
        Assert.True(await g1.StopGracefullyAsync(TimeSpan.FromSeconds(15)), $"L7Gate did not exit after SIGTERM{Environment.NewLine}{lab.Logs()}");
        await Task.Delay(TimeSpan.FromSeconds(1));
        var all = await load.StopAsync();

        Assert.Equal(0, g1.Process.ExitCode);
        AssertNothingLost(lab, all, stoppedAt);
        await AssertHolderAsync(lab, FailoverLab.Vip1, lab.Nodes[1], TimeSpan.FromSeconds(1));
    }
}
