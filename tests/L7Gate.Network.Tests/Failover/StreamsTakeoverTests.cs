using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using L7Gate.Network.Tests.Lab;
using L7Gate.Network.Tests.Privileged;
using Xunit.Abstractions;
using static L7Gate.Network.Tests.Failover.FailoverScenario;

namespace L7Gate.Network.Tests.Failover;

/// <summary>
/// The kubeadm deployment (README "Kubernetes control plane behind a VIP") in the lab: an L7Gate pair holding the VIP
/// with an L4 <c>Streams</c> listener on port 6443 in front of three TLS API-server stand-ins (cp1..cp3), probed with
/// HTTPS <c>GET /healthz</c>, and a client in its own namespace reconnecting through the VIP in a loop.
/// </summary>
public sealed class StreamsTakeoverTests(ITestOutputHelper output)
{
    private const int ApiPort = 6443;

    /// <summary>
    /// The backup's RFC 5798 master-down interval at the lab's 100 ms adverts, plus 100 ms for everything else: the
    /// gratuitous ARP reaching the client, its next attempt, TCP + TLS + one request through the new master. The kernel
    /// time of the takeover alone is asserted with a 200 ms margin in <see cref="TakeoverTests"/>.
    /// </summary>
    private static readonly TimeSpan Deadline = FailoverLab.MasterDownInterval(Interval, 100) + TimeSpan.FromMilliseconds(100);

    [PrivilegedFact]
    public async Task KillMaster_Sigkill_TlsClientReconnectsThroughBackupWithinMasterDownInterval()
    {
        using var certificates = TestCertificates.Create();
        using var lab = new NetnsLab();
        var (n1, n2) = (lab.AddNode("n1", 11), lab.AddNode("n2", 12));
        var client = lab.AddNode("client", 31);
        var backends = new List<TlsLabBackend>();
        try
        {
            for (var i = 1; i <= 3; i++)
            {
                backends.Add(await TlsLabBackend.StartAsync(lab, lab.AddNode($"cp{i}", 20 + i), $"cp{i}", certificates.Server));
            }

            using var g1 = await L7GateNode.StartAsync(lab, n1, Config(n1, backends, Instance(priority: 150)));
            using var g2 = await L7GateNode.StartAsync(lab, n2, Config(n2, backends, Instance(priority: 100)));
            var (watch1, watch2) = (new VipWatch(lab, n1), new VipWatch(lab, n2));
            Assert.NotNull(await watch1.WaitAsync(FailoverLab.Vip1, Stopwatch.GetTimestamp(), TimeSpan.FromSeconds(5)));
            // A backup that starts beside a running master can miss its first adverts on a loaded box and claim the
            // VIP for a moment; the higher priority wins it back at once (split-brain healing). The kill below is
            // what this test measures, so it starts from the settled pair.
            await Eventually.TrueAsync(() => watch1.Has(FailoverLab.Vip1) && !watch2.Has(FailoverLab.Vip1),
                $"n1 alone to hold the VIP{Environment.NewLine}{lab.Logs()}", TimeSpan.FromSeconds(10));

            // HTTPS /healthz from both nodes to every API server, as kubeadm's haproxy.cfg checks them.
            await Eventually.TrueAsync(
                () => backends.All(b => b.HealthProbers.Contains(n1.Address) && b.HealthProbers.Contains(n2.Address)),
                "every backend probed with GET /healthz by both nodes", TimeSpan.FromSeconds(10));

            // Both nodes have relayed before (as nodes of a running pair have: the backup's first relayed connections
            // would pay for JIT compilation, a separate matter from the takeover).
            var clientThread = lab.ThreadIn(client);
            var timeout = TimeSpan.FromSeconds(2);
            foreach (var target in new[] { FailoverLab.Vip1, n2.Address })
            {
                var warm = new TlsReconnectClient(clientThread, new IPEndPoint(target, ApiPort), timeout, TimeSpan.Zero);
                for (var i = 0; i < 20; i++)
                {
                    var attempt = await warm.AttemptAsync();
                    Assert.True(attempt.Ok, $"warm-up through {target}: {attempt.Status}{Environment.NewLine}{lab.Logs()}");
                }
            }

            await Task.Delay(TimeSpan.FromSeconds(1.2)); // the client's ARP entry is past locktime, as in a running system

            // 250 ms per attempt: a connection that hangs is given up well before the bound, as a client with a
            // short dial timeout would; refusals (the dead node's kernel still has the VIP) come back at once.
            var loop = new TlsReconnectClient(clientThread, new IPEndPoint(FailoverLab.Vip1, ApiPort), TimeSpan.FromMilliseconds(250), TimeSpan.FromMilliseconds(5));
            using var stop = new CancellationTokenSource();
            var running = Task.Run(() => loop.RunAsync(stop.Token));
            await Task.Delay(TimeSpan.FromSeconds(1));

            var killedAt = Stopwatch.GetTimestamp();
            g1.Process.KillHard();
            var takeover = await watch2.WaitAsync(FailoverLab.Vip1, killedAt, TimeSpan.FromSeconds(3));
            await Task.Delay(TimeSpan.FromSeconds(1));
            await stop.CancelAsync();
            var attempts = await running;

            var report = Timeline(attempts, killedAt, takeover);
            var before = attempts.Where(a => a.Ok && a.End <= killedAt).ToList();
            var after = attempts.Where(a => a.Ok && a.Start >= killedAt).ToList();
            Assert.True(before.Count >= 10 && after.Count >= 10, $"{before.Count} successes before the kill, {after.Count} after{Environment.NewLine}{report}{Environment.NewLine}{lab.Logs()}");

            // The gap between the last success before the kill and the first one after it.
            var gap = Stopwatch.GetElapsedTime(before[^1].End, after[0].End);
            output.WriteLine($"gap {gap.TotalMilliseconds:0} ms (limit {Deadline.TotalMilliseconds:0} ms), backends after the kill: {string.Join(", ", after.Select(a => a.Body).Distinct().Order())}");
            output.WriteLine(report);
            Assert.True(gap <= Deadline, $"no successful TLS request for {gap.TotalMilliseconds:0} ms, limit {Deadline.TotalMilliseconds:0} ms{Environment.NewLine}{report}{Environment.NewLine}{lab.Logs()}");

            // Passthrough: the TLS session is the backend's, end to end (L7Gate has no certificate of its own here).
            var server = certificates.Server.GetCertHashString();
            Assert.All(attempts.Where(a => a.Ok), a => Assert.Equal(server, a.ServerThumbprint));
            Assert.All(after, a => Assert.Matches("^backend cp[123]$", a.Body));
        }
        finally
        {
            backends.ForEach(b => b.Dispose());
        }
    }

    /// <summary>The lab node config with the kubeadm example's cluster and listener in place of the L7 proxy.</summary>
    private static JsonObject Config(LabNode node, IReadOnlyList<TlsLabBackend> backends, VrrpInstanceSpec instance)
    {
        var config = L7GateNode.Config(node, [], [instance]);
        var proxy = config["ReverseProxy"]!.AsObject();
        proxy.Remove("Routes");
        var cluster = proxy["Clusters"]!["backends"]!.AsObject();
        cluster["LoadBalancingPolicy"] = "RoundRobin";
        cluster["HealthCheck"]!["Active"]!["Path"] = "/healthz";
        cluster["HttpClient"] = new JsonObject { ["DangerousAcceptAnyServerCertificate"] = true };
        var destinations = new JsonObject();
        for (var i = 0; i < backends.Count; i++)
        {
            destinations[$"cp-{i + 1}"] = new JsonObject { ["Address"] = $"https://{backends[i].EndPoint}/" };
        }

        cluster["Destinations"] = destinations;
        config["Streams"] = new JsonObject
        {
            ["Listeners"] = new JsonObject
            {
                ["apiserver"] = new JsonObject
                {
                    ["Endpoints"] = new JsonArray($"0.0.0.0:{ApiPort}"),
                    ["ClusterId"] = "backends",
                    ["ConnectTimeout"] = "00:00:01",
                },
            },
        };
        return config;
    }

    /// <summary>The attempts around the kill, consecutive ones with the same outcome folded: "+0.012 s ok ×3".</summary>
    private static string Timeline(IReadOnlyList<TlsAttempt> attempts, long killedAt, TimeSpan? takeover)
    {
        var text = new StringBuilder($"VIP on n2 {takeover?.TotalMilliseconds:0} ms after the kill; attempts (end time from the kill):{Environment.NewLine}");
        var window = attempts.Where(a => Stopwatch.GetElapsedTime(killedAt, a.End) > -TimeSpan.FromMilliseconds(100)).ToList();
        for (var i = 0; i < window.Count;)
        {
            var j = i;
            while (j + 1 < window.Count && window[j + 1].Status == window[i].Status)
            {
                j++;
            }

            string At(TlsAttempt a) => $"{Stopwatch.GetElapsedTime(killedAt, a.End).TotalMilliseconds:+0;-0} ms";
            text.AppendLine($"  {At(window[i])}..{At(window[j])} {window[i].Status} ×{j - i + 1}");
            i = j + 1;
        }

        return text.ToString();
    }
}
