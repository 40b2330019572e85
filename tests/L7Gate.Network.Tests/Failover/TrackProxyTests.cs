using L7Gate.Network.Tests.Lab;
using L7Gate.Network.Tests.Privileged;
using static L7Gate.Network.Tests.Failover.FailoverScenario;

namespace L7Gate.Network.Tests.Failover;

public sealed class TrackProxyTests
{
    [PrivilegedFact]
    public async Task TrackProxy_MasterLosesItsBackends_PriorityDropsAndTheBackupServes()
    {
        using var lab = await FailoverLab.CreateAsync();
        var (n1, n2) = (lab.Nodes[0], lab.Nodes[1]);
        await lab.StartL7GateAsync(n1, Instance(priority: 150) with { TrackProxyWeight = -60 });
        await lab.StartL7GateAsync(n2, Instance(priority: 100) with { TrackProxyWeight = -60 });
        await AssertHolderAsync(lab, FailoverLab.Vip1, n1, TimeSpan.FromSeconds(3));

        // n1's path to the backend breaks (its uplink to the server network, say); n2's still works.
        Shell.Run("ip", "-n", n1.Namespace, "route", "add", "prohibit", $"{lab.Backend.Address}/32");

        // Active health check (0.5 s) marks the destination down, the probe (0.1 s) reports it: 150 − 60 = 90 < 100.
        await AssertHolderAsync(lab, FailoverLab.Vip1, n2, TimeSpan.FromSeconds(4));
        await AssertServesAsync(lab, FailoverLab.Vip1);

        Shell.Run("ip", "-n", n1.Namespace, "route", "del", "prohibit", $"{lab.Backend.Address}/32");

        await AssertHolderAsync(lab, FailoverLab.Vip1, n1, TimeSpan.FromSeconds(4));
        await AssertServesAsync(lab, FailoverLab.Vip1);
    }
}
