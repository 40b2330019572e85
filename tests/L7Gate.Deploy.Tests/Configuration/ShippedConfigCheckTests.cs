using L7Gate.Deploy.Tests.Infrastructure;

namespace L7Gate.Deploy.Tests.Configuration;

/// <summary>
/// `L7Gate --config FILE --check` (like `nginx -t`) on every config the image ships or a compose file
/// mounts: a shipped example that fails validation would stop the container at start.
/// </summary>
[Collection(PublishedAppCollection.Name)]
public sealed class ShippedConfigCheckTests(PublishedApp app)
{
    /// <summary>docker/appsettings.json (image default), appsettings/appsettings.json and every example.</summary>
    public static TheoryData<string> ShippedConfigs()
    {
        var data = new TheoryData<string> { "docker/appsettings.json", "appsettings/appsettings.json" };
        foreach (var file in Directory.EnumerateFiles(RepoPaths.Of("appsettings/examples"), "*.json").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetRelativePath(RepoPaths.Root, file).Replace('\\', '/'));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ShippedConfigs))]
    public async Task Check_ShippedConfig_ExitsZero(string config)
    {
        var result = await app.RunAsync("--config", RepoPaths.Of(config), "--check");

        Assert.True(result.ExitCode == 0, $"{config} fails --check:\n{result.Output}");
    }

    [Fact]
    public async Task Check_RouteWithoutMatch_ExitsOneNamingTheKeyPath()
    {
        // The negative control: the check above means something only if --check can say no.
        var path = Path.Combine(Path.GetTempPath(), $"l7gate-bad-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(path, """
            { "ReverseProxy": {
                "Routes": { "broken-route": { "ClusterId": "c" } },
                "Clusters": { "c": { "Destinations": { "d": { "Address": "http://127.0.0.1:1/" } } } } } }
            """);

        var result = await app.RunAsync("--config", path, "--check");
        File.Delete(path);

        Assert.True(result.ExitCode == 1, result.Output);
        Assert.Contains("ReverseProxy:Routes:broken-route", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_MisspeltFailoverKey_ExitsOneWithPathAndSuggestion()
    {
        var path = Path.Combine(Path.GetTempPath(), $"l7gate-typo-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(path, """
            { "Failover": { "Instances": { "VI_1": { "Interface": "lo", "VirtualRouterId": 51, "VirtualIPs": [ "192.0.2.10/24" ], "Prioirty": 200 } } },
              "ReverseProxy": {
                "Routes": { "r": { "ClusterId": "c", "Match": { "Path": "/{**all}" } } },
                "Clusters": { "c": { "Destinations": { "d": { "Address": "http://127.0.0.1:1/" } } } } } }
            """);

        var result = await app.RunAsync("--config", path, "--check");
        File.Delete(path);

        Assert.True(result.ExitCode == 1, result.Output);
        Assert.Contains("Failover:Instances:VI_1:Prioirty: unknown key 'Prioirty' in Failover:Instances:VI_1; did you mean 'Priority'?", result.Output, StringComparison.Ordinal);
    }
}
