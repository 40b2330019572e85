using System.Net;
using L7Gate.Network.Tests.Lab;

namespace L7Gate.FailoverBench;

/// <summary>HAProxy 2.6 (Debian) on a lab node: port 80 in front of the lab backends, foreground (-db).</summary>
internal static class HaproxyNode
{
    public static async Task<LabProcess> StartAsync(NetnsLab lab, LabNode node, IReadOnlyList<IPEndPoint> backends)
    {
        var directory = Directory.CreateTempSubdirectory($"lgn-haproxy-{node.Name}-").FullName;
        var config = Path.Combine(directory, "haproxy.cfg");
        await File.WriteAllTextAsync(config, $"""
            global
                maxconn 4096
            defaults
                mode http
                timeout connect 1s
                timeout client 10s
                timeout server 10s
            frontend fe
                bind *:{L7GateNode.ProxyPort}
                default_backend be
            backend be
            {string.Join(Environment.NewLine, backends.Select((b, i) => $"    server b{i + 1} {b}"))}

            """);
        var process = lab.Start(node, "haproxy", "/usr/sbin/haproxy", ["-db", "-f", config]);
        var probe = lab.ThreadIn(node);
        if (!await Tcp.WaitForListenerAsync(probe, new IPEndPoint(node.Address, L7GateNode.ProxyPort), TimeSpan.FromSeconds(10)))
        {
            throw new InvalidOperationException($"haproxy on {node} did not listen:{Environment.NewLine}{process.Output}");
        }

        return process;
    }
}
