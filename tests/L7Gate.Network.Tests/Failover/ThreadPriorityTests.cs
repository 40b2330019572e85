using L7Gate.Network.Tests.Lab;
using L7Gate.Network.Tests.Privileged;
using static L7Gate.Network.Tests.Failover.FailoverScenario;

namespace L7Gate.Network.Tests.Failover;

/// <summary>The real process's VRRP threads run at Failover:ThreadNice (default -10), the rest of it at 0.</summary>
public sealed class ThreadPriorityTests
{
    [PrivilegedFact]
    public async Task Start_AsRoot_VrrpThreadsAtNiceMinus10AndProxyThreadsUnchanged()
    {
        using var lab = await FailoverLab.CreateAsync(gateways: 1);
        var node = lab.Nodes[0];
        var gateway = await lab.StartL7GateAsync(node, Instance(priority: 150));
        await AssertHolderAsync(lab, FailoverLab.Vip1, node, TimeSpan.FromSeconds(3));

        var threads = Threads(gateway.Process.Pid);

        Assert.Equal(-10, Assert.Single(threads, t => t.Name == "vrrp-VI_1").Nice);
        Assert.Equal(-10, Assert.Single(threads, t => t.Name == "vrrp-rx-VI_1").Nice);
        Assert.All(threads.Where(t => !t.Name.StartsWith("vrrp-", StringComparison.Ordinal)), t => Assert.Equal(0, t.Nice));
    }

    // /proc/PID/task/TID: comm is the thread's name; stat's 19th field is its nice value (fields after the
    // parenthesised comm start at the 3rd).
    private static List<(string Name, int Nice)> Threads(int pid) =>
        Directory.GetDirectories($"/proc/{pid}/task")
            .Select(task =>
            {
                var name = File.ReadAllText(Path.Combine(task, "comm")).Trim();
                var stat = File.ReadAllText(Path.Combine(task, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                return (name, int.Parse(fields[19 - 3], System.Globalization.CultureInfo.InvariantCulture));
            })
            .ToList();
}
