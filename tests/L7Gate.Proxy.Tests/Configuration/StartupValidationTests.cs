using L7Gate.Proxy.Tests.Infrastructure;

namespace L7Gate.Proxy.Tests.Configuration;

/// <summary>The real L7Gate process refuses an invalid config at startup and with <c>--check</c>, one line per error.</summary>
public sealed class StartupValidationTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("l7gate-startup-");

    public void Dispose() => _directory.Delete(recursive: true);

    [Fact]
    public async Task Start_SeveralDistinctMistakes_ExitsNonZeroWithOneLinePerError()
    {
        var config = Write("""
        {
          "Demo": { "Backends": [ { "Name": "en 1", "Url": "http://127.0.0.1:5102" } ] },
          "ReverseProxy": {
            "Routes": {
              "zh": { "ClusterId": "missing", "Match": { "Path": "/{**rest}", "Languages": "zh-CN" } },
              "nopath": { "ClusterId": "c" }
            },
            "Clusters": {
              "c": {
                "Retry": { "MaxAttempts": 0, "OnStatusCodes": [ 404 ] },
                "Destinations": { "d": { "Address": "http://127.0.0.1:1/" } }
              }
            }
          }
        }
        """);

        var result = await L7GateProcess.RunAsync(["--config", config]);

        Assert.NotEqual(0, result.ExitCode);
        string[] expected =
        [
            "Demo:Backends:0:Name: Name 'en 1' is not allowed",
            "ReverseProxy:Routes:zh:Match: Languages must be a JSON array of strings, got the single value 'zh-CN'",
            "ReverseProxy:Routes:zh:ClusterId: ClusterId 'missing' names no cluster",
            "ReverseProxy:Routes:nopath: Route 'nopath' requires Hosts or Path",
            "ReverseProxy:Clusters:c:Retry:MaxAttempts: MaxAttempts 0 is outside 1–10",
            "ReverseProxy:Clusters:c:Retry:OnStatusCodes:0: status 404 cannot be retried: OnStatusCodes allows 500–599",
        ];
        Assert.Equal(expected.Length, result.StderrLines.Length);
        foreach (var line in expected)
        {
            Assert.Single(result.StderrLines, l => l.StartsWith(line, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Start_MalformedJson_ExitsNonZeroNamingLineAndPosition()
    {
        var config = Write("{\n  \"ReverseProxy\": {\n    \"Routes\": { ,\n  }\n}\n");

        var result = await L7GateProcess.RunAsync([$"--config={config}"]);

        Assert.NotEqual(0, result.ExitCode);
        var line = Assert.Single(result.StderrLines);
        Assert.StartsWith($"{config}: malformed JSON at line 3, position 17", line);
    }

    [Fact]
    public async Task Start_MissingFile_ExitsNonZero()
    {
        var result = await L7GateProcess.RunAsync(["--config", Path.Combine(_directory.FullName, "absent.json")]);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("not found", Assert.Single(result.StderrLines));
    }

    [Fact]
    public async Task Check_ValidConfig_ExitsZeroAndSaysSoAndNothingElse()
    {
        var config = Write(ValidConfig);

        var result = await L7GateProcess.RunAsync(["--config", config, "--check"]);

        Assert.True(result.ExitCode == 0, string.Join('\n', result.StderrLines));
        Assert.Equal([$"L7Gate: configuration file {config} test is successful"], result.StdoutLines.Where(l => l.Length > 0));
        Assert.Empty(result.StderrLines);
    }

    [Fact]
    public async Task Check_InvalidConfig_ExitsOne()
    {
        var config = Write("""{ "Logging": { } }""");

        var result = await L7GateProcess.RunAsync(["--check", "--config", config]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(result.StderrLines, l => l.StartsWith("ReverseProxy:Routes: no route defined", StringComparison.Ordinal));
        Assert.Contains(result.StderrLines, l => l.StartsWith("ReverseProxy:Clusters: no cluster defined", StringComparison.Ordinal));
        Assert.Equal($"L7Gate: configuration file {config} test failed", result.StderrLines[^1]);
        Assert.DoesNotContain(result.StdoutLines, l => l.Length > 0);
    }

    [Fact]
    public async Task Check_NoConfigArgumentFromAnotherDirectory_UsesShippedDefaultBesideBinary()
    {
        var result = await L7GateProcess.RunAsync(["--check"], workingDirectory: _directory.FullName);

        Assert.True(result.ExitCode == 0, string.Join('\n', result.StderrLines));
        var expected = Path.Combine(AppContext.BaseDirectory, "appsettings", "appsettings.json");
        Assert.Contains(result.StdoutLines, l => l == $"L7Gate: configuration file {expected} test is successful");
    }

    [Fact]
    public async Task Check_EnvironmentVariableOverridesFileWithBadValue_Rejected()
    {
        var config = Write(ValidConfig);

        var result = await L7GateProcess.RunAsync(["--check", "--config", config],
            environment: new Dictionary<string, string> { ["ReverseProxy__Clusters__c__Retry__MaxAttempts"] = "11" });

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("ReverseProxy:Clusters:c:Retry:MaxAttempts: MaxAttempts 11 is outside 1–10", result.StderrLines[0]);
    }

    [Fact]
    public async Task Check_CommandLineOverridesFileWithBadValue_Rejected()
    {
        var config = Write(ValidConfig);

        var result = await L7GateProcess.RunAsync(["--config", config, "--ReverseProxy:Clusters:c:Retry:MaxAttempts=0", "--check"]);

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("ReverseProxy:Clusters:c:Retry:MaxAttempts: MaxAttempts 0 is outside 1–10", result.StderrLines[0]);
    }

    private const string ValidConfig = """
        {
          "ReverseProxy": {
            "Routes": { "all": { "ClusterId": "c", "Match": { "Path": "/{**rest}" } } },
            "Clusters": { "c": { "Retry": { "MaxAttempts": 2 }, "Destinations": { "d": { "Address": "http://127.0.0.1:1/" } } } }
          }
        }
        """;

    private string Write(string json)
    {
        var path = Path.Combine(_directory.FullName, $"{Guid.NewGuid():N}.json");
        File.WriteAllText(path, json);
        return path;
    }
}
