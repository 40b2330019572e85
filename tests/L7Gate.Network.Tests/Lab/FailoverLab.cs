using System.Net;

namespace L7Gate.Network.Tests.Lab;

/// <summary>
/// The failover lab: gateway nodes n1..nN (192.0.2.11…), one HTTP backend (192.0.2.21:8080) and a client
/// (192.0.2.31) on one bridge. Gateways run either real L7Gate processes or keepalived (+ HAProxy).
/// </summary>
public sealed class FailoverLab : IDisposable
{
    private readonly List<L7GateNode> _gateways = [];
    private readonly List<KeepalivedPeer> _keepaliveds = [];
    private readonly List<FrrPeer> _frrs = [];
    private readonly Dictionary<string, FrrPeer> _frrByNode = [];
    private readonly Dictionary<string, VipWatch> _watches = [];

    private FailoverLab(NetnsLab lab, IReadOnlyList<LabNode> nodes, LabNode backend, LabNode client)
    {
        Lab = lab;
        Nodes = nodes;
        Backend = backend;
        Client = client;
        ClientThread = lab.ThreadIn(client);
    }

    public NetnsLab Lab { get; }

    /// <summary>The gateway nodes n1..nN.</summary>
    public IReadOnlyList<LabNode> Nodes { get; }

    public LabNode Backend { get; }

    public LabNode Client { get; }

    /// <summary>A thread in the client namespace, for requests.</summary>
    public NetnsThread ClientThread { get; }

    /// <summary>The backend endpoints every gateway proxies to.</summary>
    public IReadOnlyList<IPEndPoint> Backends => [new IPEndPoint(Backend.Address, HttpBackend.Port)];

    /// <summary>The first VIP (192.0.2.100) and the second (192.0.2.101).</summary>
    public static IPAddress Vip1 { get; } = NetnsLab.Address(100);

    public static IPAddress Vip2 { get; } = NetnsLab.Address(101);

    /// <summary>Builds the lab with <paramref name="gateways"/> gateway nodes and starts the backend.</summary>
    public static async Task<FailoverLab> CreateAsync(int gateways = 2)
    {
        var lab = new NetnsLab();
        try
        {
            var nodes = Enumerable.Range(1, gateways).Select(i => lab.AddNode($"n{i}", 10 + i)).ToList();
            var backend = lab.AddNode("be1", 21);
            var client = lab.AddNode("client", 31);
            await HttpBackend.StartAsync(lab, backend, "be1");
            return new FailoverLab(lab, nodes, backend, client);
        }
        catch
        {
            lab.Dispose();
            throw;
        }
    }

    /// <summary>The L7Gate processes started so far, in order.</summary>
    public IReadOnlyList<L7GateNode> Gateways => _gateways;

    /// <summary>Config keys given on the command line (<c>--Key=value</c>) to every L7Gate started from now on.</summary>
    public Dictionary<string, string> L7GateSettings { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Starts L7Gate on a gateway node.</summary>
    public async Task<L7GateNode> StartL7GateAsync(LabNode node, params VrrpInstanceSpec[] instances)
    {
        var gateway = await L7GateNode.StartAsync(Lab, node, Backends, instances, new Dictionary<string, string>(L7GateSettings));
        _gateways.Add(gateway);
        return gateway;
    }

    /// <summary>Starts keepalived on a gateway node.</summary>
    public KeepalivedPeer StartKeepalived(LabNode node, params VrrpInstanceSpec[] instances)
    {
        var keepalived = KeepalivedPeer.Start(Lab, node, instances);
        _keepaliveds.Add(keepalived);
        return keepalived;
    }

    /// <summary>
    /// Interfaces besides the node's own where a VIP counts as held: a virtual MAC macvlan (<c>vrrp.51</c>). Set before
    /// the first <see cref="Watch"/>.
    /// </summary>
    public List<string> VipInterfaces { get; } = [];

    /// <summary>Starts FRR's zebra and vrrpd on a gateway node (creating the macvlan FRR needs).</summary>
    public async Task<FrrPeer> StartFrrAsync(LabNode node, VrrpInstanceSpec instance)
    {
        var frr = await FrrPeer.StartAsync(Lab, node, instance);
        _frrs.Add(frr);
        _frrByNode[node.Name] = frr;
        return frr;
    }

    /// <summary>The VIP watcher of a node.</summary>
    public VipWatch Watch(LabNode node)
    {
        if (!_watches.TryGetValue(node.Name, out var watch))
        {
            watch = new VipWatch(Lab, node, VipInterfaces);
            _watches[node.Name] = watch;
        }

        return watch;
    }

    /// <summary>
    /// Which gateways hold <paramref name="vip"/> right now: the VIP is on the node's interface (or a macvlan in
    /// <see cref="VipInterfaces"/>); on a node that runs FRR, whose macvlan always carries the VIP, FRR is master.
    /// </summary>
    public IReadOnlyList<string> Holders(IPAddress vip) => Nodes
        .Where(n => _frrByNode.TryGetValue(n.Name, out var frr) ? frr.IsMaster() : Watch(n).Has(vip))
        .Select(n => n.Name)
        .ToList();

    /// <summary>One GET through the VIP from the client.</summary>
    public Task<HttpProbeResult> GetAsync(IPAddress vip, TimeSpan? timeout = null) =>
        HttpProbe.GetAsync(ClientThread, new IPEndPoint(vip, L7GateNode.ProxyPort), timeout ?? TimeSpan.FromSeconds(2));

    /// <summary>Retries a GET through the VIP until one succeeds (the client's ARP cache may need a GARP to move).</summary>
    public async Task<HttpProbeResult> GetEventuallyAsync(IPAddress vip, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        HttpProbeResult last;
        do
        {
            last = await GetAsync(vip, TimeSpan.FromMilliseconds(500));
            if (last.Ok)
            {
                return last;
            }

            await Task.Delay(50);
        }
        while (DateTime.UtcNow < deadline);
        return last;
    }

    /// <summary>Every process's output, for a failing assertion.</summary>
    public string Logs() => Lab.Logs();

    /// <summary>RFC 5798 §6.1: 3 × interval + (256 − priority) × interval / 256.</summary>
    public static TimeSpan MasterDownInterval(TimeSpan interval, int priority) => (3 * interval) + (interval * (256 - priority) / 256);

    public void Dispose()
    {
        foreach (var keepalived in _keepaliveds)
        {
            keepalived.Dispose();
        }

        foreach (var frr in _frrs)
        {
            frr.Dispose();
        }

        foreach (var gateway in _gateways)
        {
            gateway.Dispose();
        }

        Lab.Dispose();
    }
}
