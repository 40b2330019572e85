namespace L7Gate.Network.Tests.Lab;

/// <summary>Runs short commands (iproute2, sysctl) and fails loudly with their stderr.</summary>
public static class Shell
{
    /// <summary>Runs the command and returns stdout; throws when it exits non-zero.</summary>
    public static string Run(string file, params string[] arguments) => RunWithin(TimeSpan.FromSeconds(60), file, arguments);

    /// <summary>Runs the command with a time limit and returns stdout; throws when it exits non-zero.</summary>
    public static string RunWithin(TimeSpan limit, string file, params string[] arguments)
    {
        var (exitCode, stdout, stderr) = TryRun(limit, file, arguments);
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"'{file} {string.Join(' ', arguments)}' exited {exitCode}: {stderr.Trim()}");
        }

        return stdout;
    }

    /// <summary>Runs the command and returns its exit code and output, whatever happened.</summary>
    public static (int ExitCode, string Stdout, string Stderr) TryRun(string file, params string[] arguments) =>
        TryRun(TimeSpan.FromSeconds(60), file, arguments);

    private static (int ExitCode, string Stdout, string Stderr) TryRun(TimeSpan limit, string file, string[] arguments)
    {
        var result = ChildProcess.Run(file, arguments, limit);
        if (result.TimedOut)
        {
            throw new TimeoutException($"'{file} {string.Join(' ', arguments)}' did not finish in {limit.TotalSeconds:0} s");
        }

        return (result.ExitCode, result.Stdout, result.Stderr);
    }

    /// <summary>Runs a command inside a network namespace.</summary>
    public static string InNamespace(string netns, string file, params string[] arguments) =>
        Run("ip", ["netns", "exec", netns, file, .. arguments]);
}
