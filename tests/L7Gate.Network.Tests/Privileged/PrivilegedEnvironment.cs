using System.Diagnostics;

namespace L7Gate.Network.Tests.Privileged;

/// <summary>
/// Whether this machine can run the network tests: Linux, root (raw sockets, namespaces, addresses)
/// and a working <c>ip netns</c>. CI sets L7GATE_REQUIRE_PRIVILEGED=1 so a missing privilege fails the
/// run instead of skipping it silently.
/// </summary>
public static class PrivilegedEnvironment
{
    /// <summary>Environment variable that turns a skip into a failure.</summary>
    public const string RequireVariable = "L7GATE_REQUIRE_PRIVILEGED";

    private static readonly Lazy<string?> s_missing = new(FindMissing);

    /// <summary>Why privileged tests cannot run here, or null when they can.</summary>
    public static string? Missing => s_missing.Value;

    /// <summary>Whether CI demands that privileged tests run.</summary>
    public static bool Required => Environment.GetEnvironmentVariable(RequireVariable) == "1";

    private static string? FindMissing()
    {
        if (!OperatingSystem.IsLinux())
        {
            return "network tests need Linux";
        }

        if (Environment.UserName != "root" && !IsEffectiveRoot())
        {
            return "network tests need root (raw sockets, network namespaces)";
        }

        try
        {
            using var ip = Process.Start(new ProcessStartInfo("ip", "netns list")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            })!;
            ip.WaitForExit(10_000);
            return ip.ExitCode == 0 ? null : "'ip netns list' failed: " + ip.StandardError.ReadToEnd().Trim();
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            return "iproute2 ('ip') is not installed: " + ex.Message;
        }
    }

    private static bool IsEffectiveRoot()
    {
        try
        {
            return File.ReadLines("/proc/self/status")
                .FirstOrDefault(l => l.StartsWith("Uid:", StringComparison.Ordinal))?
                .Split('\t', StringSplitOptions.RemoveEmptyEntries) is [_, _, "0", ..];
        }
        catch (IOException)
        {
            return false;
        }
    }
}
