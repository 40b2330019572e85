using System.Reflection;

namespace L7Gate.Deploy.Tests.Infrastructure;

/// <summary>
/// The output of <c>dotnet publish src/L7Gate</c> — what the Dockerfile copies to /app — published once
/// for the test run into a temporary folder, plus ways to run it as the container does.
/// </summary>
public sealed class PublishedApp : IDisposable
{
    /// <summary>The published application's folder (the image's /app).</summary>
    public string Directory { get; }

    /// <summary>The apphost the image's ENTRYPOINT runs.</summary>
    public string AppHost => Path.Combine(Directory, "L7Gate");

    private readonly string _root;

    /// <summary>Publishes the host in the configuration these tests were built in.</summary>
    public PublishedApp()
    {
        _root = Path.Combine(Path.GetTempPath(), "l7gate-deploy-" + Guid.NewGuid().ToString("N")[..8]);
        Directory = Path.Combine(_root, "app");

        // The test project references the host, so it is already built in this configuration:
        // publishing without building is a copy, not a second compile on a busy machine.
        var configuration = typeof(PublishedApp).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var result = GatewayProcess.RunAsync(
            "dotnet", RepoPaths.Root,
            ["publish", RepoPaths.Of("src/L7Gate/L7Gate.csproj"), "-c", configuration, "--no-build", "-o", Directory, "-nologo"],
            TimeSpan.FromMinutes(5)).GetAwaiter().GetResult();
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet publish failed ({result.ExitCode}):\n{result.Output}");
        }
    }

    /// <summary>
    /// Lays out a container-like file system under a fresh temporary folder: the config the image ships
    /// (docker/appsettings.json) at etc/l7gate/appsettings.json, with its listeners moved to free
    /// loopback ports, as a user's mounted config would be.
    /// </summary>
    public ContainerLayout NewContainerLayout() => ContainerLayout.Create(Path.Combine(_root, "c-" + Guid.NewGuid().ToString("N")[..8]));

    /// <summary>Starts the apphost like the image's ENTRYPOINT + CMD, with the config path given.</summary>
    public GatewayProcess Start(string configPath, IReadOnlyDictionary<string, string>? environment = null) =>
        GatewayProcess.Start(AppHost, Directory, ["--config", configPath], environment);

    /// <summary>Runs the apphost to completion with <paramref name="args"/> (e.g. --check, --healthcheck).</summary>
    public Task<CommandResult> RunAsync(params string[] args) =>
        GatewayProcess.RunAsync(AppHost, Directory, args, TimeSpan.FromMinutes(1));

    /// <inheritdoc />
    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A process that outlived its test may still hold a file; the temp folder is not worth a failure.
        }
    }
}
