using System.Text.Json.Nodes;
using System.Xml.Linq;
using L7Gate.Deploy.Tests.Infrastructure;

namespace L7Gate.Deploy.Tests.Docker;

/// <summary>
/// What `docker build` would find out late (or never, for the runtime parts): checked from the file,
/// because no Docker engine runs where the tests do.
/// </summary>
public sealed class DockerfileTests
{
    private readonly Dockerfile _dockerfile = Dockerfile.Load(RepoPaths.Of("Dockerfile"));

    [Fact]
    public void Copy_SourcesFromBuildContext_ExistInRepository()
    {
        var copies = _dockerfile.All("COPY").Concat(_dockerfile.All("ADD")).ToList();
        Assert.NotEmpty(copies);
        var missing = copies
            .SelectMany(c => Dockerfile.ContextSources(c).Select(s => (c.Line, Source: s)))
            .Where(c => !File.Exists(RepoPaths.Of(c.Source)) && !Directory.Exists(RepoPaths.Of(c.Source)))
            .Select(c => $"line {c.Line}: {c.Source}")
            .ToList();
        Assert.True(missing.Count == 0, "COPY sources missing from the repository: " + string.Join(", ", missing));
    }

    [Fact]
    public void RestoreLayer_ProjectFiles_IncludeEveryProjectTheHostBuilds()
    {
        // Restore runs before the sources are copied; a project the host references but the restore
        // layer lacks fails the build with "project file not found".
        var restore = _dockerfile.All("RUN", stage: 0).First(r => r.Arguments.Contains("dotnet restore", StringComparison.Ordinal));
        var copiedBefore = _dockerfile.All("COPY", stage: 0)
            .Where(c => c.Line < restore.Line)
            .SelectMany(c => Dockerfile.ContextSources(c).Select(s => (Source: s, Destination: Dockerfile.Destination(c))))
            .ToList();

        var required = HostProjectClosure().Append("src/Directory.Build.props").Append("src/Directory.Packages.props");
        foreach (var file in required)
        {
            var directory = file[..(file.LastIndexOf('/') + 1)];
            Assert.True(
                copiedBefore.Any(c => c.Source == file && c.Destination.TrimEnd('/') + "/" == directory),
                $"{file} is not copied to {directory} before `dotnet restore` (line {restore.Line})");
        }
    }

    [Fact]
    public void Stages_BuildOnSdk_RunOnAspNetRuntime()
    {
        var froms = _dockerfile.All("FROM").ToList();
        Assert.True(froms.Count >= 2, "expected a multi-stage build");
        Assert.StartsWith("mcr.microsoft.com/dotnet/sdk:10.0", froms[0].Arguments, StringComparison.Ordinal);
        Assert.StartsWith("mcr.microsoft.com/dotnet/aspnet:10.0", froms[^1].Arguments, StringComparison.Ordinal);
    }

    [Fact]
    public void RuntimeStage_User_IsNotRoot()
    {
        var user = _dockerfile.All("USER", _dockerfile.FinalStage).LastOrDefault();
        Assert.NotNull(user);
        Assert.DoesNotContain(user.Arguments.Split(':')[0], new[] { "0", "root" });
    }

    [Fact]
    public void RuntimeStage_Healthcheck_RunsBuiltInCheckOnServedConfig()
    {
        var entrypoint = Dockerfile.ExecForm(Single("ENTRYPOINT").Arguments);
        var cmd = Dockerfile.ExecForm(Single("CMD").Arguments);
        var healthcheck = Single("HEALTHCHECK").Arguments;
        var check = Dockerfile.ExecForm(healthcheck[healthcheck.IndexOf(" CMD ", StringComparison.Ordinal)..]);

        Assert.Equal(entrypoint[0], check[0]);
        Assert.Contains("--healthcheck", check);
        Assert.Equal(ValueAfter(cmd, "--config"), ValueAfter(check, "--config"));
    }

    [Fact]
    public void RuntimeStage_ConfigPath_IsWhereTheImageConfigIsCopied()
    {
        var configPath = ValueAfter(Dockerfile.ExecForm(Single("CMD").Arguments), "--config");
        var copy = _dockerfile.All("COPY", _dockerfile.FinalStage)
            .Single(c => Dockerfile.ContextSources(c).Contains("docker/appsettings.json"));
        Assert.Equal(configPath, Dockerfile.Destination(copy));
        Assert.StartsWith("/etc/l7gate/", configPath, StringComparison.Ordinal);
    }

    [Fact]
    public void RuntimeStage_Expose_MatchesImageConfigListeners()
    {
        var exposed = _dockerfile.All("EXPOSE", _dockerfile.FinalStage).SelectMany(e => e.Arguments.Split(' ')).ToList();
        var config = ContainerLayout.ImageConfig();

        Assert.Contains("8080", exposed);
        Assert.Contains("9901", exposed);
        Assert.EndsWith(":8080", config["Urls"]?.GetValue<string>() ?? "ASPNETCORE_HTTP_PORTS=8080 of the base image", StringComparison.Ordinal);
        Assert.EndsWith(":9901", (config["Admin"] as JsonObject)?["Urls"]?.GetValue<string>() ?? string.Empty, StringComparison.Ordinal);
    }

    [Fact]
    public void RuntimeStage_NativeLibraries_LibpcapWithUnversionedNameAndLibnftables()
    {
        // SharpPcap (gratuitous ARP) loads libpcap at run time; a missing library only shows on failover.
        var runs = string.Join('\n', _dockerfile.All("RUN", _dockerfile.FinalStage).Select(r => r.Arguments));
        Assert.Contains("libpcap0.8", runs, StringComparison.Ordinal);
        Assert.Contains("libpcap.so\"", runs, StringComparison.Ordinal);

        // The handover forwarding loads libnftables at run time, the same way.
        Assert.Contains("libnftables1", runs, StringComparison.Ordinal);
    }

    private DockerfileInstruction Single(string keyword) => _dockerfile.All(keyword, _dockerfile.FinalStage).Single();

    private static string ValueAfter(IReadOnlyList<string> args, string name)
    {
        var list = args.ToList();
        var index = list.IndexOf(name);
        Assert.True(index >= 0 && index + 1 < list.Count, $"{name} missing in [{string.Join(", ", args)}]");
        return list[index + 1];
    }

    // src/L7Gate.csproj and every project it references, directly or not, as repository-relative paths.
    private static IEnumerable<string> HostProjectClosure()
    {
        var seen = new SortedSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>([RepoPaths.Of("src/L7Gate/L7Gate.csproj")]);
        while (pending.Count > 0)
        {
            var project = pending.Pop();
            if (!seen.Add(Path.GetRelativePath(RepoPaths.Root, project).Replace('\\', '/')))
            {
                continue;
            }

            foreach (var reference in XDocument.Load(project).Descendants("ProjectReference"))
            {
                var include = reference.Attribute("Include")!.Value.Replace('\\', '/');
                pending.Push(Path.GetFullPath(Path.Combine(Path.GetDirectoryName(project)!, include)));
            }
        }

        return seen;
    }
}
