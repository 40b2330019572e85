using L7Gate.Deploy.Tests.Infrastructure;

namespace L7Gate.Deploy.Tests.Configuration;

/// <summary>
/// A config file the process may not read (mode 000, run as <c>nobody</c> as the image's non-root user would be):
/// one line naming the path and the reason, exit 1, both when starting and with <c>--check</c> — not an unhandled
/// exception (exit 134, a crash loop under a restart policy).
/// </summary>
[Collection(PublishedAppCollection.Name)]
[System.Runtime.Versioning.SupportedOSPlatform("linux")] // setpriv, Unix file modes
public sealed class UnreadableConfigTests(PublishedApp app) : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("l7gate-unreadable-").FullName;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Start_ConfigFileNotReadable_OneLineNamingPathExitOne(bool check)
    {
        File.SetUnixFileMode(_directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
            | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        var path = Path.Combine(_directory, "appsettings.json");
        await File.WriteAllTextAsync(path, await File.ReadAllTextAsync(RepoPaths.Of("appsettings/appsettings.json")));
        File.SetUnixFileMode(path, UnixFileMode.None);

        // As user nobody: root reads a mode-000 file anyway.
        string[] args = ["--reuid=65534", "--regid=65534", "--clear-groups", "--", app.AppHost, "--config", path, .. check ? ["--check"] : Array.Empty<string>()];
        var result = await GatewayProcess.RunAsync("setpriv", app.Directory, args, TimeSpan.FromMinutes(1),
            new Dictionary<string, string> { ["HOME"] = _directory, ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1" });

        Assert.True(result.ExitCode == 1, $"exit {result.ExitCode}:\n{result.Output}");
        Assert.DoesNotContain("Unhandled exception", result.Output, StringComparison.Ordinal);
        var lines = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var error = Assert.Single(lines, line => line.Contains(path, StringComparison.Ordinal) && line.Contains("cannot be read", StringComparison.Ordinal));
        Assert.Contains("denied", error, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(lines, line => line.StartsWith("at ", StringComparison.Ordinal)); // no stack trace
        if (check)
        {
            Assert.Equal(2, lines.Length); // the error and the verdict, like nginx -t
        }
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
