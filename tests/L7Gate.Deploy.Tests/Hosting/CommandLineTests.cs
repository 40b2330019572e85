using L7Gate.Deploy.Tests.Infrastructure;

namespace L7Gate.Deploy.Tests.Hosting;

/// <summary>
/// The published apphost's command line: <c>--help</c>/<c>--version</c> exit 0 without starting anything,
/// unknown options exit 2 with the usage, and ASP.NET Core's <c>--Section:Key=value</c> / <c>--Key value</c>
/// overrides still reach the configuration.
/// </summary>
[Collection(PublishedAppCollection.Name)]
public sealed class CommandLineTests(PublishedApp app)
{
    // Every command form the README shows must be listed by --help.
    private static readonly string[] DocumentedForms =
    [
        "--config FILE", "--config=FILE", "-c", "--check", "-t", "--healthcheck", "--help", "-h", "--version",
        "--Section:Key=value", "--Section:Key value", "/Section:Key=value", "--urls", "Section__Key", "SIGHUP",
    ];

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    [InlineData("--config", "/nonexistent.json", "--help")]
    public async Task Run_Help_ExitsZeroListingEveryCommandForm(params string[] args)
    {
        var result = await app.RunAsync(args);

        Assert.True(result.ExitCode == 0, result.Output);
        Assert.StartsWith("Usage: L7Gate", result.Output, StringComparison.Ordinal);
        Assert.All(DocumentedForms, form => Assert.Contains(form, result.Output, StringComparison.Ordinal));
        Assert.DoesNotContain("Now listening", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_Version_ExitsZeroPrintingTheAssemblyVersion()
    {
        var result = await app.RunAsync("--version");

        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Matches(@"^L7Gate \d+\.\d+\.\d+\S*\s*$", result.Output);
    }

    [Theory]
    [InlineData("--hepl")]
    [InlineData("-x")]
    [InlineData("--verbose", "--check")]
    [InlineData("start")]
    [InlineData("--config")]
    [InlineData("--config=")]
    public async Task Run_UnknownOption_ExitsTwoWithErrorAndUsage(params string[] args)
    {
        var result = await app.RunAsync(args);

        Assert.True(result.ExitCode == 2, result.Output);
        Assert.Contains($"L7Gate: ", result.Output, StringComparison.Ordinal);
        Assert.Contains($"'{args[0]}'", result.Output, StringComparison.Ordinal);
        Assert.Contains("Usage: L7Gate", result.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--Telemetry:ServiceName=from-cli")]
    [InlineData("/Telemetry:ServiceName=from-cli")]
    [InlineData("Telemetry:ServiceName=from-cli")]
    [InlineData("--Telemetry:ServiceName", "from-cli")]
    public async Task Check_AspNetCoreOverrideForms_Accepted(params string[] overrideArgs)
    {
        var result = await app.RunAsync([.. overrideArgs, "--config", RepoPaths.Of("appsettings/examples/proxy-l7.json"), "--check"]);

        Assert.True(result.ExitCode == 0, result.Output);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Run_AspNetCoreOverride_ReachesConfiguration(bool spaceSeparated)
    {
        // The override is applied, not just tolerated: the admin listener moves to the port it names.
        var port = FreePort.Next();
        var url = $"http://127.0.0.1:{port}";
        string[] overrideArgs = spaceSeparated ? ["--Admin:Urls", url] : [$"--Admin:Urls={url}"];
        var config = System.Text.Json.Nodes.JsonNode.Parse("""
            { "ReverseProxy": {
                "Routes": { "all": { "ClusterId": "c", "Match": { "Path": "{**rest}" } } },
                "Clusters": { "c": { "Destinations": { "d": { "Address": "http://127.0.0.1:9" } } } } } }
            """)!.AsObject();
        await using var gateway = GatewayProcess.Start(config, extraArgs: overrideArgs);

        using var response = await gateway.WaitForHttpAsync(new Uri($"{url}/healthz"), TimeSpan.FromSeconds(60));

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
    }
}
