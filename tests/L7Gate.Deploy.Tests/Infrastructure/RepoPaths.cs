namespace L7Gate.Deploy.Tests.Infrastructure;

/// <summary>Paths inside the repository these tests run from (found by walking up to L7Gate.sln).</summary>
internal static class RepoPaths
{
    /// <summary>The repository root: the folder that holds L7Gate.sln and the Dockerfile.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>A path under the repository root, from forward-slash separated parts.</summary>
    public static string Of(string relative) =>
        Path.GetFullPath(Path.Combine(Root, relative.Replace('/', Path.DirectorySeparatorChar)));

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "L7Gate.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No L7Gate.sln above {AppContext.BaseDirectory}");
    }
}
