using System.Globalization;
using System.Text;

namespace L7Gate.Network.Tests.Lab;

/// <summary>
/// A real FRRouting vrrpd (Debian's <c>frr</c> package) as the VRRP peer: zebra and vrrpd run in the lab node in the
/// foreground, with their own config files, pid files, zebra socket and vty socket in a temporary directory (nothing
/// under /etc/frr or /run/frr), logging to stdout (<c>debug vrrp protocol</c>), so tests can read its state changes.
/// </summary>
/// <remarks>
/// FRR does not create the virtual MAC interface: as its manual says, a macvlan in <b>bridge</b> mode with MAC
/// 00:00:5e:00:01:{VRID} and the VIPs on it must exist first, created here by hand with iproute2. vrrpd then keeps it in
/// <c>protodown on</c> (carrier off) while Backup and clears that as Master, so on an FRR node the VIP is always on the
/// macvlan: whether FRR holds it is the macvlan's protodown state, not the address. Like an FRR deployment, the node's
/// interface gets arp_ignore 1 / arp_announce 2 so that it does not answer ARP for the VIP with its own MAC.
/// </remarks>
public sealed class FrrPeer : IDisposable
{
    private const string ZebraExecutable = "/usr/lib/frr/zebra";
    private const string VrrpdExecutable = "/usr/lib/frr/vrrpd";
    private readonly string _directory;
    private readonly LabNode _node;

    private FrrPeer(LabNode node, VrrpInstanceSpec instance, string directory, LabProcess zebra, LabProcess vrrpd)
    {
        _node = node;
        Instance = instance;
        _directory = directory;
        Zebra = zebra;
        Vrrpd = vrrpd;
    }

    /// <summary>Whether FRR's zebra and vrrpd are installed where Debian puts them.</summary>
    public static bool IsInstalled => File.Exists(ZebraExecutable) && File.Exists(VrrpdExecutable);

    /// <summary>The instance FRR runs (VRID, priority, version, interval, VIPs).</summary>
    public VrrpInstanceSpec Instance { get; }

    public LabProcess Zebra { get; }

    /// <summary>The vrrpd process; its output holds FRR's state changes ("[VRID 51] [IPv4] Backup -> Master").</summary>
    public LabProcess Vrrpd { get; }

    /// <summary>The virtual MAC interface FRR drives.</summary>
    public string MacvlanName => MacvlanOf(Instance);

    /// <summary>
    /// Creates the macvlan (unless a previous FRR on this node left it), writes zebra.conf and vrrpd.conf and starts
    /// zebra, then vrrpd once zebra's socket is there.
    /// </summary>
    public static async Task<FrrPeer> StartAsync(NetnsLab lab, LabNode node, VrrpInstanceSpec instance)
    {
        if (!IsInstalled)
        {
            throw new InvalidOperationException("FRR is not installed (apt-get install frr).");
        }

        if (instance.UnicastPeers.Count > 0 || instance.Password is not null)
        {
            throw new ArgumentException("FRR's vrrpd has neither unicast peers nor VRRPv2 authentication", nameof(instance));
        }

        PrepareMacvlan(node, instance);

        // The daemons drop to the frr user (FRR refuses to run as root outside the frrvty group): it must write here.
        var directory = Directory.CreateTempSubdirectory($"lgn-frr-{node.Name}-").FullName;
        if (OperatingSystem.IsLinux())
        {
            File.SetUnixFileMode(directory, (UnixFileMode)0x1FF); // rwxrwxrwx
        }
        await File.WriteAllTextAsync(Path.Combine(directory, "zebra.conf"), $"hostname lgn-{node.Name}\n");
        await File.WriteAllTextAsync(Path.Combine(directory, "vrrpd.conf"), VrrpdConfig(node, instance));
        var socket = Path.Combine(directory, "zserv.api");
        string[] Common(string daemon) =>
        [
            "-f", Path.Combine(directory, $"{daemon}.conf"),
            "-i", Path.Combine(directory, $"{daemon}.pid"),
            "-z", socket,
            "--vty_socket", directory,
            "-u", "frr", "-g", "frr",
            "-P", "0", // no TCP vty
            "--log", "stdout", "--log-level", "debug",
        ];

        var zebra = lab.Start(node, "FRR zebra", ZebraExecutable, Common("zebra"));
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (!File.Exists(socket))
        {
            if (DateTime.UtcNow > deadline || !zebra.IsRunning)
            {
                zebra.Dispose();
                throw new InvalidOperationException($"FRR zebra on {node} did not open its socket:{Environment.NewLine}{zebra.Output}");
            }

            await Task.Delay(50);
        }

        var vrrpd = lab.Start(node, "FRR vrrpd", VrrpdExecutable, Common("vrrpd"));
        return new FrrPeer(node, instance, directory, zebra, vrrpd);
    }

    /// <summary>Whether FRR is master now: its macvlan is up and not in protodown.</summary>
    public bool IsMaster()
    {
        var (exit, output, _) = Shell.TryRun("ip", "-n", _node.Namespace, "-d", "link", "show", MacvlanName);
        return exit == 0 && Vrrpd.IsRunning && !output.Contains("protodown on", StringComparison.Ordinal)
            && output.Split('<', '>')[1].Split(',').Contains("LOWER_UP");
    }

    /// <summary>Waits until vrrpd logs a transition into <paramref name="state"/> ("Master", "Backup") after it started.</summary>
    public Task<bool> WaitForStateAsync(string state, TimeSpan timeout) =>
        Vrrpd.WaitForOutputAsync($"[VRID {Instance.VirtualRouterId}] [IPv4] {(state == "Master" ? "Backup" : "Initialize")} -> {state}", timeout);

    /// <summary>Waits until FRR is (or is no longer, with <paramref name="master"/> false) master, by its macvlan's protodown state.</summary>
    public async Task<bool> WaitForMasterAsync(bool master, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (IsMaster() != master)
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }

            await Task.Delay(20);
        }

        return true;
    }

    /// <summary>SIGTERM to vrrpd (FRR leaves the macvlan in protodown), then to zebra.</summary>
    public bool Stop(TimeSpan timeout)
    {
        Vrrpd.Terminate();
        var stopped = Vrrpd.WaitForExit(timeout);
        Zebra.Terminate();
        return Zebra.WaitForExit(timeout) && stopped;
    }

    public void Dispose()
    {
        Vrrpd.Dispose();
        Zebra.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>The hand-made macvlan's name for an instance (the name does not matter to FRR, the MAC does).</summary>
    public static string MacvlanOf(VrrpInstanceSpec instance) => instance.VirtualMacInterface;

    // What FRR's manual asks for: macvlan, bridge mode, the virtual MAC, the VIPs on it, up. No IPv6 on it (IPv4 only
    // here, and iproute2's "addrgenmode random" is refused on this kernel); no ARP answers for the VIP from the parent.
    private static void PrepareMacvlan(LabNode node, VrrpInstanceSpec instance)
    {
        var name = MacvlanOf(instance);
        if (Shell.TryRun("ip", "-n", node.Namespace, "link", "show", name).ExitCode == 0)
        {
            return; // from an FRR that ran here before
        }

        var mac = string.Create(CultureInfo.InvariantCulture, $"00:00:5e:00:01:{instance.VirtualRouterId:x2}");
        Shell.Run("ip", "-n", node.Namespace, "link", "add", name, "link", node.Interface, "address", mac, "type", "macvlan", "mode", "bridge");
        Shell.InNamespace(node.Namespace, "sysctl", "-q", "-w",
            $"net.ipv6.conf.{name.Replace('.', '/')}.disable_ipv6=1",
            $"net.ipv4.conf.{node.Interface}.arp_ignore=1",
            $"net.ipv4.conf.{node.Interface}.arp_announce=2",
            $"net.ipv4.conf.{name.Replace('.', '/')}.arp_ignore=1");
        foreach (var vip in instance.VirtualIPs)
        {
            Shell.Run("ip", "-n", node.Namespace, "addr", "add", vip, "dev", name);
        }

        Shell.Run("ip", "-n", node.Namespace, "link", "set", name, "up");
    }

    private static string VrrpdConfig(LabNode node, VrrpInstanceSpec instance)
    {
        var vrid = instance.VirtualRouterId;
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"hostname lgn-{node.Name}");
        text.AppendLine("debug vrrp protocol");
        text.AppendLine(CultureInfo.InvariantCulture, $"interface {node.Interface}");
        text.AppendLine(CultureInfo.InvariantCulture, $" vrrp {vrid} version {instance.Version}");
        text.AppendLine(CultureInfo.InvariantCulture, $" vrrp {vrid} priority {instance.Priority}");
        text.AppendLine(CultureInfo.InvariantCulture, $" vrrp {vrid} advertisement-interval {(int)instance.AdvertisementInterval.TotalMilliseconds}");
        if (!instance.Preempt)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $" no vrrp {vrid} preempt");
        }

        foreach (var vip in instance.VirtualIPs)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $" vrrp {vrid} ip {vip.Split('/')[0]}");
        }

        return text.ToString();
    }
}
