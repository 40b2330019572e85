namespace L7Gate.TestKit;

/// <summary>Where the built gateway is: the L7Gate.dll of the configuration the tests were built in.</summary>
public static class GatewayBuild
{
    /// <summary>The built L7Gate.dll (beside the tests when they reference the host, else under src/L7Gate/bin).</summary>
    public static string Dll
    {
        get
        {
            var beside = Path.Combine(AppContext.BaseDirectory, "L7Gate.dll");
            if (File.Exists(Path.Combine(AppContext.BaseDirectory, "L7Gate.runtimeconfig.json")))
            {
                return beside;
            }

            var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name; // bin/<Configuration>/net10.0
            return Path.Combine(RepositoryRoot, "src", "L7Gate", "bin", configuration, "net10.0", "L7Gate.dll");
        }
    }

    /// <summary>The repository root (the directory holding L7Gate.sln).</summary>
    public static string RepositoryRoot
    {
        get
        {
            for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "L7Gate.sln")))
                {
                    return directory.FullName;
                }
            }

            throw new InvalidOperationException($"L7Gate.sln not found above {AppContext.BaseDirectory}.");
        }
    }
}
