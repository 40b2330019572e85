using System.Text.RegularExpressions;

namespace L7Gate.Network.Tests.Lab;

/// <summary>
/// A real keepalived (Debian's package) running in a lab node, VRRP only, in the foreground with
/// detailed logging to the console (<c>-n -l -D</c>), so tests can read what it thought of our adverts.
/// </summary>
public sealed partial class KeepalivedPeer : IDisposable
{
    private const string Executable = "/usr/sbin/keepalived";
    private readonly string _directory;

    private KeepalivedPeer(LabProcess process, string directory)
    {
        Process = process;
        _directory = directory;
    }

    /// <summary>The keepalived process.</summary>
    public LabProcess Process { get; }

    /// <summary>Whether keepalived is installed where Debian puts it.</summary>
    public static bool IsInstalled => File.Exists(Executable);

    /// <summary>Writes a config with the instances and starts keepalived in <paramref name="node"/>.</summary>
    public static KeepalivedPeer Start(NetnsLab lab, LabNode node, params VrrpInstanceSpec[] instances)
    {
        if (!IsInstalled)
        {
            throw new InvalidOperationException("keepalived is not installed (apt-get install keepalived).");
        }

        var directory = Directory.CreateTempSubdirectory($"lgn-keepalived-{node.Name}-").FullName;
        var config = Path.Combine(directory, "keepalived.conf");
        File.WriteAllText(config, $$"""
            global_defs {
                router_id lgn_{{node.Name}}
                enable_script_security
            }

            {{string.Join(Environment.NewLine, instances.Select(i => i.ToKeepalivedConfig(node.Interface)))}}
            """);
        var process = lab.Start(node, "keepalived", Executable,
        [
            "--dont-fork", "--log-console", "--log-detail", "--vrrp",
            "--use-file", config,
            "--pid", Path.Combine(directory, "keepalived.pid"),
            "--vrrp_pid", Path.Combine(directory, "vrrp.pid"),
            "--checkers_pid", Path.Combine(directory, "checkers.pid"),
        ]);
        return new KeepalivedPeer(process, directory);
    }

    /// <summary>Log lines in which keepalived complains about a received packet or its own state.</summary>
    public IReadOnlyList<string> Complaints() => Process.Output
        .Split('\n')
        .Where(line => ComplaintRegex().IsMatch(line))
        .ToList();

    /// <summary>Waits until keepalived logs that the instance entered <paramref name="state"/> (MASTER, BACKUP, FAULT).</summary>
    public Task<bool> WaitForStateAsync(string instance, string state, TimeSpan timeout) =>
        Process.WaitForOutputAsync($"({instance}) Entering {state} STATE", timeout);

    public void Dispose()
    {
        Process.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // a pid file keepalived is still removing; the temp directory goes with the next reboot
        }
    }

    // What keepalived 2.2.x logs for adverts it rejects or cannot reconcile with its own config ("received a 1
    // auth, expecting 0", "ip address associated with VRID 51 not present in MASTER advert", "Invalid ttl",
    // "advertisement interval mismatch", bad checksum/version). Not matched on purpose: "received lower priority
    // (100) advert ... - discarding", which a returning higher-priority keepalived logs by design while it preempts.
    [GeneratedRegex(@"bad|bogus|invalid|mismatch|not present|not match|checksum|wrong|ttl|passw|auth|expecting|incompatible|unknown vrrp|ignor|error", RegexOptions.IgnoreCase)]
    private static partial Regex ComplaintRegex();
}
