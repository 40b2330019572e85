using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using L7Gate.FailoverBench;
using L7Gate.Network.Tests.Lab;

// Failover benchmark: for each stack (L7Gate pair; keepalived + HAProxy pair), VRRP setting and event, a
// fresh lab; a client opens a new connection per request at a steady rate to the VIP; the master node is
// stopped (SIGTERM), killed (kill -9 of everything on it) or loses its link. Prints how long until the
// backup holds the VIP, the failed requests and the longest gap between successful responses.
var rate = Option("--rate", 200);
var timeout = TimeSpan.FromMilliseconds(Option("--timeout-ms", 300));
var rounds = Option("--rounds", 1);
var output = OptionText("--out");
var stacks = new[] { "L7Gate", "keepalived+HAProxy" };
var intervals = new[] { TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(1) };
var events = new[] { "planned stop (SIGTERM)", "kill -9", "link down" };

Console.Error.WriteLine("publishing L7Gate (Release)...");
_ = L7GateBuild.Executable;
NetnsLab.RemoveStaleLabs();

var rows = new List<Row>();
foreach (var interval in intervals)
{
    foreach (var @event in events)
    {
        foreach (var stack in stacks)
        {
            for (var round = 1; round <= rounds; round++)
            {
                Console.Error.WriteLine($"== {stack}, VRRPv3 {Format(interval)}, {@event}, round {round}");
                var row = await RunAsync(stack, interval, @event, rate, timeout);
                Console.Error.WriteLine($"   VIP on backup after {Ms(row.Takeover)}, failed {row.Failed}/{row.Total}, longest gap {Ms(row.LongestGap)}");
                Console.Error.WriteLine($"   failures (start relative to the event): {(row.Failures.Length > 400 ? row.Failures[..400] + " ..." : row.Failures)}");
                rows.Add(row);
            }
        }
    }
}

var table = new StringBuilder();
table.AppendLine(CultureInfo.InvariantCulture, $"Failover benchmark {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} CPUs, load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");
table.AppendLine(CultureInfo.InvariantCulture, $"Client: new connection per request, {rate} req/s, {timeout.TotalMilliseconds:0} ms timeout. Master priority 150, backup 100, VRRPv3, multicast.");
table.AppendLine();
table.AppendLine("| VRRP | event | stack | VIP on backup after | master-down interval | failed / sent | longest gap |");
table.AppendLine("|---|---|---|---|---|---|---|");
foreach (var row in rows)
{
    var masterDown = FailoverLab.MasterDownInterval(row.Interval, 100);
    table.AppendLine(CultureInfo.InvariantCulture,
        $"| v3, {Format(row.Interval)} | {row.Event} | {row.Stack} | {Ms(row.Takeover)} | {Ms(masterDown)} | {row.Failed} / {row.Total} | {Ms(row.LongestGap)} |");
}

Console.WriteLine(table);
if (output is not null)
{
    Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(output))!);
    File.WriteAllText(output, table.ToString());
}

return 0;

static async Task<Row> RunAsync(string stack, TimeSpan interval, string @event, int rate, TimeSpan timeout)
{
    using var lab = await FailoverLab.CreateAsync();
    var (n1, n2) = (lab.Nodes[0], lab.Nodes[1]);
    var spec = new VrrpInstanceSpec { Version = 3, AdvertisementInterval = interval };
    var masterProcesses = new List<LabProcess>();
    if (stack == "L7Gate")
    {
        masterProcesses.Add((await lab.StartL7GateAsync(n1, spec with { Priority = 150 })).Process);
        await lab.StartL7GateAsync(n2, spec with { Priority = 100 });
    }
    else
    {
        masterProcesses.Add(await HaproxyNode.StartAsync(lab.Lab, n1, lab.Backends));
        await HaproxyNode.StartAsync(lab.Lab, n2, lab.Backends);
        masterProcesses.Insert(0, lab.StartKeepalived(n1, spec with { Priority = 150 }).Process);
        lab.StartKeepalived(n2, spec with { Priority = 100 });
    }

    if (await lab.Watch(n1).WaitAsync(FailoverLab.Vip1, Stopwatch.GetTimestamp(), (4 * interval) + TimeSpan.FromSeconds(5)) is null)
    {
        throw new InvalidOperationException($"{stack}: n1 never became master{Environment.NewLine}{lab.Logs()}");
    }

    // Warm both proxies' request paths as a running system's would be, and let the client's ARP entry age past
    // locktime (1 s) so a gratuitous ARP may move it, as it would in a system that has been running.
    await WarmAsync(lab, n1.Address);
    await WarmAsync(lab, n2.Address);
    await lab.GetEventuallyAsync(FailoverLab.Vip1, TimeSpan.FromSeconds(3));
    await Task.Delay(TimeSpan.FromSeconds(1.5));

    using var stop = new CancellationTokenSource();
    var client = new LoadClient(lab.ClientThread, new IPEndPoint(FailoverLab.Vip1, L7GateNode.ProxyPort), rate, timeout);
    var load = client.RunAsync(stop.Token);
    await Task.Delay(TimeSpan.FromSeconds(1));

    var at = Stopwatch.GetTimestamp();
    switch (@event)
    {
        case "planned stop (SIGTERM)":
            masterProcesses.ForEach(p => p.Terminate());
            break;
        case "kill -9":
            // Everything on the node: keepalived's VRRP child would otherwise notice its parent's death
            // and resign cleanly (priority 0), which is a planned stop, not a crash.
            NetnsLab.KillAll(n1);
            break;
        default:
            lab.Lab.SetLink(n1, up: false);
            break;
    }

    var takeover = await lab.Watch(n2).WaitAsync(FailoverLab.Vip1, at, (4 * interval) + TimeSpan.FromSeconds(5));
    await Task.Delay((4 * interval) + TimeSpan.FromSeconds(2));
    await stop.CancelAsync();
    var result = await load;
    return new Row(stack, interval, @event, takeover, result.Failed, result.Total, result.LongestGap, result.FailureTimeline(at));
}

static async Task WarmAsync(FailoverLab lab, IPAddress node)
{
    for (var i = 0; i < 50; i++)
    {
        await HttpProbe.GetAsync(lab.ClientThread, new IPEndPoint(node, L7GateNode.ProxyPort), TimeSpan.FromSeconds(2));
    }
}

static string Format(TimeSpan interval) => interval.TotalSeconds >= 1 ? $"{interval.TotalSeconds:0} s" : $"{interval.TotalMilliseconds:0} ms";

static string Ms(TimeSpan? value) => value is { } v ? $"{v.TotalSeconds:0.000} s" : "never";

int Option(string name, int fallback)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
}

string? OptionText(string name)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
}

internal sealed record Row(string Stack, TimeSpan Interval, string Event, TimeSpan? Takeover, int Failed, int Total, TimeSpan LongestGap, string Failures);
