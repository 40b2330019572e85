using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace L7Gate.Network.Tests.Lab;

/// <summary>
/// A real published L7Gate process on a lab node: proxy on port 80 in front of the lab backends, plus the
/// given VRRP instances on the node's interface. Restartable with the same config file.
/// </summary>
public sealed class L7GateNode : IDisposable
{
    /// <summary>The proxy's port.</summary>
    public const int ProxyPort = 80;

    /// <summary>The admin API key of every lab node (its admin listener is the default, 127.0.0.1:9901 in the node).</summary>
    public const string AdminApiKey = "lab-admin-key-0123456789";

    private readonly NetnsLab _lab;
    private readonly string _directory;

    private readonly IReadOnlyDictionary<string, string> _settings;

    private L7GateNode(NetnsLab lab, LabNode node, string directory, string configPath, IReadOnlyDictionary<string, string> settings)
    {
        _lab = lab;
        _settings = settings;
        Node = node;
        _directory = directory;
        ConfigPath = configPath;
    }

    /// <summary>The lab node the process runs on.</summary>
    public LabNode Node { get; }

    /// <summary>The config file.</summary>
    public string ConfigPath { get; }

    /// <summary>The current process (replaced by <see cref="RestartAsync"/>).</summary>
    public LabProcess Process { get; private set; } = null!;

    /// <summary>Writes the config and starts L7Gate (with <paramref name="settings"/> as <c>--Key=value</c> arguments); returns once Kestrel listens.</summary>
    public static Task<L7GateNode> StartAsync(
        NetnsLab lab, LabNode node, IReadOnlyList<IPEndPoint> backends, VrrpInstanceSpec[] instances, IReadOnlyDictionary<string, string>? settings = null) =>
        StartAsync(lab, node, Config(node, backends, instances), settings);

    /// <summary>Starts L7Gate with <paramref name="config"/> (typically <see cref="Config"/> changed by the test); returns once Kestrel listens.</summary>
    public static async Task<L7GateNode> StartAsync(NetnsLab lab, LabNode node, JsonObject config, IReadOnlyDictionary<string, string>? settings = null)
    {
        var executable = L7GateBuild.Executable;
        var directory = Directory.CreateTempSubdirectory($"lgn-l7gate-{node.Name}-").FullName;
        var configPath = Path.Combine(directory, "l7gate.json");
        await File.WriteAllTextAsync(configPath, config.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        var gateway = new L7GateNode(lab, node, directory, configPath, settings ?? new Dictionary<string, string>());
        await gateway.LaunchAsync(executable);
        return gateway;
    }

    /// <summary>Starts the process again (after a kill or a stop) with the same config.</summary>
    public Task RestartAsync() => LaunchAsync(L7GateBuild.Executable);

    /// <summary>POST (enter) or DELETE (leave) <c>/admin/failover/{instance}/maintenance</c> on the node's admin listener, with the lab key.</summary>
    public Task<HttpProbeResult> MaintenanceAsync(bool enter, string instance = "VI_1") =>
        HttpProbe.SendAsync(_lab.ThreadIn(Node), enter ? "POST" : "DELETE", new IPEndPoint(IPAddress.Loopback, 9901),
            TimeSpan.FromSeconds(10), $"/admin/failover/{instance}/maintenance", $"Bearer {AdminApiKey}");

    /// <summary>SIGTERM, then wait for the process to exit.</summary>
    public Task<bool> StopGracefullyAsync(TimeSpan timeout)
    {
        Process.Terminate();
        return Process.WaitForExitAsync(timeout);
    }

    public void Dispose()
    {
        Process?.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private async Task LaunchAsync(string executable)
    {
        Process = _lab.Start(Node, "L7Gate", executable, ["--config", ConfigPath, .. _settings.Select(s => $"--{s.Key}={s.Value}")], new Dictionary<string, string>
        {
            ["DOTNET_NOLOGO"] = "1",
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
        });
        if (!await Process.WaitForOutputAsync("Now listening on", TimeSpan.FromSeconds(30)))
        {
            throw new InvalidOperationException($"L7Gate on {Node} did not start:{Environment.NewLine}{Process.Output}");
        }
    }

    /// <summary>
    /// The lab config: proxy on port 80 to <paramref name="backends"/> (cluster "backends", active health checks every
    /// 0.5 s), the VRRP instances on the node's interface, console logs with millisecond timestamps.
    /// </summary>
    public static JsonObject Config(LabNode node, IReadOnlyList<IPEndPoint> backends, VrrpInstanceSpec[] instances)
    {
        var destinations = new JsonObject();
        for (var i = 0; i < backends.Count; i++)
        {
            destinations[$"b{i + 1}"] = new JsonObject { ["Address"] = $"http://{backends[i]}/" };
        }

        var failover = new JsonObject();
        foreach (var instance in instances)
        {
            failover[instance.Name] = instance.ToL7GateJson(node.Interface);
        }

        return new JsonObject
        {
            ["Urls"] = $"http://0.0.0.0:{ProxyPort}",
            ["Admin"] = new JsonObject { ["ApiKey"] = AdminApiKey },
            ["Logging"] = new JsonObject
            {
                ["LogLevel"] = new JsonObject
                {
                    ["Default"] = "Information",
                    ["Microsoft.AspNetCore"] = "Warning",
                    ["Yarp"] = "Warning",
                },
                ["Console"] = new JsonObject
                {
                    ["FormatterName"] = "simple",
                    ["FormatterOptions"] = new JsonObject { ["SingleLine"] = true, ["TimestampFormat"] = "HH:mm:ss.fff " },
                },
            },
            ["ReverseProxy"] = new JsonObject
            {
                ["Routes"] = new JsonObject
                {
                    ["all"] = new JsonObject { ["ClusterId"] = "backends", ["Match"] = new JsonObject { ["Path"] = "{**catch-all}" } },
                },
                ["Clusters"] = new JsonObject
                {
                    ["backends"] = new JsonObject
                    {
                        // Active health checks, as the shipped examples have them: TrackProxy reads their verdict.
                        ["HealthCheck"] = new JsonObject
                        {
                            ["Active"] = new JsonObject
                            {
                                ["Enabled"] = true,
                                ["Interval"] = "00:00:00.5",
                                ["Timeout"] = "00:00:00.4",
                                ["Policy"] = "ConsecutiveFailures",
                                ["Path"] = "/",
                            },
                        },
                        ["Metadata"] = new JsonObject { ["ConsecutiveFailuresHealthPolicy.Threshold"] = "1" },
                        ["Destinations"] = destinations,
                    },
                },
            },
            ["Failover"] = new JsonObject { ["Instances"] = failover },
        };
    }
}
