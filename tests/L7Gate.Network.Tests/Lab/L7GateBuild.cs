namespace L7Gate.Network.Tests.Lab;

/// <summary>
/// Publishes the real product once per test run (<c>dotnet publish src/L7Gate -c Release</c>), so the
/// network tests run the same <c>L7Gate</c> executable an operator deploys.
/// </summary>
public static class L7GateBuild
{
    private static readonly Lazy<string> s_executable = new(Publish, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Path of the published executable (publishing on first use).</summary>
    public static string Executable => s_executable.Value;

    /// <summary>The repository root (the directory holding L7Gate.sln).</summary>
    public static string RepositoryRoot => GatewayBuild.RepositoryRoot;

    private static string Publish()
    {
        var output = Path.Combine(Path.GetTempPath(), $"lgn-publish-{Environment.ProcessId}");
        // Minutes, not seconds: on a busy CI machine a cold Release publish is slow.
        Shell.RunWithin(TimeSpan.FromMinutes(10), "dotnet", "publish", Path.Combine(RepositoryRoot, "src", "L7Gate"), "-c", "Release", "-o", output, "--nologo", "-v", "quiet");
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                Directory.Delete(output, recursive: true);
            }
            catch (IOException)
            {
                // best effort: a node still running from a killed test keeps a file open
            }
        };
        return Path.Combine(output, "L7Gate");
    }
}
