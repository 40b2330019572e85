using System.Diagnostics;
using System.Net;
using System.Net.NetworkInformation;
using System.Text.RegularExpressions;
using L7Gate.Network.Tests.Privileged;

namespace L7Gate.Network.Tests.Lab;

/// <summary>
/// A throwaway L2 segment: a "switch" namespace holding a bridge, and one namespace per node attached to
/// it by a veth pair. Addresses come from 192.0.2.0/24 (TEST-NET-1). Every namespace is named
/// <c>lgn-&lt;pid&gt;-&lt;lab&gt;-&lt;node&gt;</c>, so leftovers of a crashed run (dead pid) can be
/// found and removed at the next start without touching a lab another live run is using.
/// </summary>
public sealed partial class NetnsLab : IDisposable
{
    /// <summary>The node-side interface name, the same in every node namespace.</summary>
    public const string NodeInterface = "lgn0";

    private const string Bridge = "lgnbr0";
    private static int s_labCounter;
    private static int s_staleCleaned;

    private readonly List<LabNode> _nodes = [];
    private readonly List<LabProcess> _processes = [];
    private readonly List<NetnsThread> _threads = [];
    private readonly string _switch;

    public NetnsLab()
    {
        if (PrivilegedEnvironment.Missing is { } missing)
        {
            throw new InvalidOperationException($"The network lab cannot run here: {missing}.");
        }

        if (Interlocked.Exchange(ref s_staleCleaned, 1) == 0)
        {
            RemoveStaleLabs();
        }

        Id = $"lgn-{Environment.ProcessId}-{Interlocked.Increment(ref s_labCounter)}";
        _switch = Id + "-sw";
        Shell.Run("ip", "netns", "add", _switch);
        Shell.Run("ip", "-n", _switch, "link", "add", Bridge, "type", "bridge");
        Shell.Run("ip", "-n", _switch, "link", "set", Bridge, "up");
    }

    /// <summary>The lab's namespace prefix.</summary>
    public string Id { get; }

    /// <summary>The nodes added so far.</summary>
    public IReadOnlyList<LabNode> Nodes => _nodes;

    /// <summary>Address 192.0.2.<paramref name="host"/>.</summary>
    public static IPAddress Address(int host) => IPAddress.Parse($"192.0.2.{host}");

    /// <summary>Adds a namespace with one interface on the bridge, address 192.0.2.<paramref name="host"/>/24.</summary>
    public LabNode AddNode(string name, int host)
    {
        var netns = $"{Id}-{name}";
        var port = $"lgnp{_nodes.Count + 1}";
        var address = Address(host);
        Shell.Run("ip", "netns", "add", netns);
        Shell.Run("ip", "link", "add", NodeInterface, "netns", netns, "type", "veth", "peer", "name", port, "netns", _switch);
        Shell.Run("ip", "-n", _switch, "link", "set", port, "master", Bridge, "up");
        Shell.Run("ip", "-n", netns, "addr", "add", $"{address}/24", "dev", NodeInterface);
        Shell.Run("ip", "-n", netns, "link", "set", NodeInterface, "up");
        Shell.Run("ip", "-n", netns, "link", "set", "lo", "up");
        var node = new LabNode(name, netns, port, address);
        _nodes.Add(node);
        return node;
    }

    /// <summary>Sets the node's interface down or up (the node's own end of the veth, as a pulled cable looks to it).</summary>
    public void SetLink(LabNode node, bool up) =>
        Shell.Run("ip", "-n", node.Namespace, "link", "set", NodeInterface, up ? "up" : "down");

    /// <summary>SIGKILL to every process in the node's namespace: a node crash, as far as its software goes (the kernel keeps its addresses).</summary>
    public static void KillAll(LabNode node)
    {
        var (_, pids, _) = Shell.TryRun("ip", "netns", "pids", node.Namespace);
        foreach (var pid in pids.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (int.TryParse(pid, out var value))
            {
                NativeMethods.kill(value, NativeMethods.SIGKILL);
            }
        }
    }

    /// <summary>The IPv4 addresses on the node's interface, read with iproute2 (what an operator would check).</summary>
    public IReadOnlyList<string> AddressesOf(LabNode node)
    {
        var output = Shell.Run("ip", "-n", node.Namespace, "-4", "-o", "addr", "show", "dev", NodeInterface);
        return InetRegex().Matches(output).Select(m => m.Groups[1].Value).ToList();
    }

    /// <summary>The MAC address of the node's interface.</summary>
    public static PhysicalAddress MacOf(LabNode node) =>
        ParseMac(Shell.Run("ip", "-n", node.Namespace, "-br", "link", "show", NodeInterface))
        ?? throw new InvalidOperationException($"no MAC address on {node.Name}");

    /// <summary>The MAC address the node's neighbour (ARP) table holds for <paramref name="address"/>, if any.</summary>
    public static PhysicalAddress? NeighbourOf(LabNode node, IPAddress address) =>
        ParseMac(Shell.Run("ip", "-n", node.Namespace, "neigh", "show", address.ToString()));

    /// <summary>The node's nftables ruleset (<c>nft list ruleset</c>).</summary>
    public static string RulesetOf(LabNode node) => Shell.Run("ip", "netns", "exec", node.Namespace, "nft", "list", "ruleset");

    /// <summary>A thread inside the node's namespace (disposed with the lab).</summary>
    public NetnsThread ThreadIn(LabNode node)
    {
        var thread = new NetnsThread(node.Namespace);
        _threads.Add(thread);
        return thread;
    }

    /// <summary>Starts a process in the node's namespace; killed when the lab is disposed.</summary>
    public LabProcess Start(LabNode node, string label, string file, IEnumerable<string> arguments, IDictionary<string, string>? environment = null)
    {
        var process = LabProcess.Start($"{node.Name} {label}", node.Namespace, file, arguments, environment);
        _processes.Add(process);
        return process;
    }

    /// <summary>The output of every process started, for a failing test's message.</summary>
    public string Logs() => string.Join(
        Environment.NewLine,
        _processes.Select(p => $"----- {p.Name} (pid {p.Pid}) -----{Environment.NewLine}{p.Output}"));

    public void Dispose()
    {
        foreach (var process in _processes)
        {
            process.Dispose();
        }

        foreach (var thread in _threads)
        {
            thread.Dispose();
        }

        foreach (var node in _nodes)
        {
            DeleteNamespace(node.Namespace);
        }

        DeleteNamespace(_switch);
    }

    /// <summary>Removes lgn-&lt;pid&gt;-* namespaces whose pid is gone, and kills what still runs in them.</summary>
    public static void RemoveStaleLabs()
    {
        var (exitCode, output, _) = Shell.TryRun("ip", "netns", "list");
        if (exitCode != 0)
        {
            return;
        }

        foreach (Match match in StaleRegex().Matches(output))
        {
            var netns = match.Groups[1].Value;
            var pid = int.Parse(match.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture);
            if (!IsAlive(pid))
            {
                DeleteNamespace(netns);
            }
        }
    }

    private static void DeleteNamespace(string netns)
    {
        var (_, pids, _) = Shell.TryRun("ip", "netns", "pids", netns);
        foreach (var pid in pids.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (int.TryParse(pid, out var value))
            {
                NativeMethods.kill(value, NativeMethods.SIGKILL);
            }
        }

        Shell.TryRun("ip", "netns", "del", netns);
    }

    private static bool IsAlive(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    [GeneratedRegex(@"inet (\d+\.\d+\.\d+\.\d+/\d+)")]
    private static partial Regex InetRegex();

    private static PhysicalAddress? ParseMac(string text) =>
        MacRegex().Match(text) is { Success: true } match ? PhysicalAddress.Parse(match.Value.Replace(':', '-')) : null;

    [GeneratedRegex("([0-9a-f]{2}:){5}[0-9a-f]{2}")]
    private static partial Regex MacRegex();

    [GeneratedRegex(@"^((?:lgn)-(\d+)-\S+)", RegexOptions.Multiline)]
    private static partial Regex StaleRegex();
}
