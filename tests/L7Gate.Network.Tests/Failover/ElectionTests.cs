using L7Gate.Network.Tests.Lab;
using L7Gate.Network.Tests.Privileged;
using static L7Gate.Network.Tests.Failover.FailoverScenario;

namespace L7Gate.Network.Tests.Failover;

public sealed class ElectionTests
{
    [PrivilegedFact]
    public async Task Start_TwoNodes_HigherPriorityHoldsVipAndServes()
    {
        using var lab = await FailoverLab.CreateAsync();
        var (n1, n2) = (lab.Nodes[0], lab.Nodes[1]);
        await lab.StartL7GateAsync(n2, Instance(priority: 100));
        await lab.StartL7GateAsync(n1, Instance(priority: 150));

        await AssertHolderAsync(lab, FailoverLab.Vip1, n1, TimeSpan.FromSeconds(3));
        await AssertHolderStaysAsync(lab, FailoverLab.Vip1, n1, TimeSpan.FromSeconds(1));
        await AssertServesAsync(lab, FailoverLab.Vip1);
    }

    [PrivilegedFact]
    public async Task Start_ThreeNodes_BackupsTakeOverInPriorityOrder()
    {
        using var lab = await FailoverLab.CreateAsync(gateways: 3);
        var (n1, n2, n3) = (lab.Nodes[0], lab.Nodes[1], lab.Nodes[2]);
        var g1 = await lab.StartL7GateAsync(n1, Instance(priority: 150));
        var g2 = await lab.StartL7GateAsync(n2, Instance(priority: 120));
        await lab.StartL7GateAsync(n3, Instance(priority: 100));
        await AssertHolderAsync(lab, FailoverLab.Vip1, n1, TimeSpan.FromSeconds(3));

        g1.Process.KillHard();
        RemoveLeftoverVip(n1); // kill -9 leaves the VIP; a crashed machine would not answer for it
        await AssertHolderAsync(lab, FailoverLab.Vip1, n2, TimeSpan.FromSeconds(2));
        await AssertHolderStaysAsync(lab, FailoverLab.Vip1, n2, TimeSpan.FromSeconds(1));

        g2.Process.KillHard();
        RemoveLeftoverVip(n2); // kill -9 leaves the VIP; a crashed machine would not answer for it
        await AssertHolderAsync(lab, FailoverLab.Vip1, n3, TimeSpan.FromSeconds(2));
        await AssertServesAsync(lab, FailoverLab.Vip1);
    }

    [PrivilegedFact]
    public async Task Start_ActiveActive_EachNodeHoldsItsPreferredVipAndTheSurvivorBoth()
    {
        using var lab = await FailoverLab.CreateAsync();
        var (n1, n2) = (lab.Nodes[0], lab.Nodes[1]);
        var vi1 = Instance(priority: 150, name: "VI_1", vrid: 51, vip: "192.0.2.100/24");
        var vi2 = Instance(priority: 100, name: "VI_2", vrid: 52, vip: "192.0.2.101/24");
        var g1 = await lab.StartL7GateAsync(n1, vi1, vi2);
        await lab.StartL7GateAsync(n2, vi1 with { Priority = 100 }, vi2 with { Priority = 150 });

        await AssertHolderAsync(lab, FailoverLab.Vip1, n1, TimeSpan.FromSeconds(3));
        await AssertHolderAsync(lab, FailoverLab.Vip2, n2, TimeSpan.FromSeconds(3));
        await AssertServesAsync(lab, FailoverLab.Vip1);
        await AssertServesAsync(lab, FailoverLab.Vip2);

        Assert.True(await g1.StopGracefullyAsync(TimeSpan.FromSeconds(10)), lab.Logs());

        await AssertHolderAsync(lab, FailoverLab.Vip1, n2, TimeSpan.FromSeconds(2));
        await AssertHolderAsync(lab, FailoverLab.Vip2, n2, TimeSpan.FromSeconds(1));
        await AssertServesAsync(lab, FailoverLab.Vip1);
        await AssertServesAsync(lab, FailoverLab.Vip2);
    }

    private static void RemoveLeftoverVip(LabNode node) =>
        Shell.Run("ip", "-n", node.Namespace, "addr", "del", "192.0.2.100/24", "dev", node.Interface);
}
