using System.Net;
using System.Runtime.Versioning;
using FluentValidation;
using L7Gate.Configuration;
using L7Gate.Proxy.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace L7Gate.Proxy.Tests.Configuration;

/// <summary>Live reload and <see cref="IGatewayConfig"/> through the real host: whole or nothing, last good config keeps serving.</summary>
public sealed class ConfigLifecycleTests : IAsyncLifetime
{
    private TestBackend _a = null!;
    private TestBackend _b = null!;

    public async Task InitializeAsync()
    {
        _a = await TestBackend.StartAsync("a");
        _b = await TestBackend.StartAsync("b");
    }

    public async Task DisposeAsync()
    {
        await _a.DisposeAsync();
        await _b.DisposeAsync();
    }

    [Fact]
    public async Task Reload_MalformedFileThenFixedFile_KeepsServingThenApplies()
    {
        await using var gateway = await GatewayHost.StartAsync(GatewayConfigs.SingleCluster([_a]));
        using var metrics = new MetricRecorder(gateway.Services);
        var generation = gateway.Config.Generation;
        await AssertServedByAsync(gateway, "a");

        await gateway.WriteConfigAsync("{ \"ReverseProxy\": { \"Routes\": ");
        await Eventually.TrueAsync(() => gateway.Config.LastErrors.Count > 0, "the malformed file is rejected");

        Assert.Contains("malformed JSON", Assert.Single(gateway.Config.LastErrors).Message);
        Assert.NotNull(gateway.Config.LastErrorAt);
        Assert.Equal(generation, gateway.Config.Generation);
        Assert.Equal(1, metrics.Sum("l7gate.config.reload.failures"));
        await AssertServedByAsync(gateway, "a");

        await gateway.WriteConfigAsync(GatewayConfigs.SingleCluster([_b]));
        await Eventually.TrueAsync(() => gateway.Config.Generation == generation + 1, "the fixed file is applied");

        Assert.Empty(gateway.Config.LastErrors);
        Assert.Equal(generation + 1, metrics.Observe("l7gate.config.generation"));
        await AssertServedByAsync(gateway, "b");
    }

    [Fact]
    public async Task Reload_StartupOnlyKeyChanged_RestAppliesAndTheKeyIsReportedPendingRestart()
    {
        await using var gateway = await GatewayHost.StartAsync(GatewayConfigs.SingleCluster([_a]));
        using var metrics = new MetricRecorder(gateway.Services);
        var generation = gateway.Config.Generation;
        Assert.Empty(gateway.Config.PendingRestart);

        var renamed = GatewayConfigs.SingleCluster([_b]).TrimEnd().TrimEnd('}') + """, "Telemetry": { "ServiceName": "renamed" } }""";
        await gateway.WriteConfigAsync(renamed);
        await Eventually.TrueAsync(() => gateway.Config.Generation == generation + 1, "the changed file is applied");

        await AssertServedByAsync(gateway, "b");
        Assert.Equal(["Telemetry:ServiceName"], gateway.Config.PendingRestart);
        Assert.Equal(1, metrics.Observe("l7gate.config.pending_restart"));

        await gateway.WriteConfigAsync(GatewayConfigs.SingleCluster([_a]));
        await Eventually.TrueAsync(() => gateway.Config.Generation == generation + 2, "the original file is applied again");

        Assert.Empty(gateway.Config.PendingRestart);
        Assert.Equal(0, metrics.Observe("l7gate.config.pending_restart"));
    }

    [Fact]
    public async Task Reload_ReverseProxySectionRemoved_RejectedAndRoutesKept()
    {
        await using var gateway = await GatewayHost.StartAsync(GatewayConfigs.SingleCluster([_a]));
        var configuration = gateway.Services.GetRequiredService<IConfiguration>();

        await gateway.WriteConfigAsync("""{ "Logging": { "LogLevel": { "Default": "Warning" } } }""");
        await Eventually.TrueAsync(() => gateway.Config.LastErrors.Count > 0, "the emptied file is rejected");

        Assert.Contains(gateway.Config.LastErrors, e => e.Path == "ReverseProxy:Routes");
        Assert.Contains(gateway.Config.LastErrors, e => e.Path == "ReverseProxy:Clusters");
        Assert.Null(configuration["Logging:LogLevel:Default"]);
        Assert.Equal(_a.Url, configuration["ReverseProxy:Clusters:c:Destinations:a:Address"]);
        await AssertServedByAsync(gateway, "a");
    }

    [Fact]
    public async Task Reload_ValidJsonWithOneInvalidValue_RejectedWhole()
    {
        await using var gateway = await GatewayHost.StartAsync(GatewayConfigs.SingleCluster([_a]));
        var generation = gateway.Config.Generation;

        // Points at b (fine) but with an invalid retry bound: nothing of it may apply.
        await gateway.WriteConfigAsync(GatewayConfigs.SingleCluster([_b], """ "Retry": { "MaxAttempts": 11 }, """));
        await Eventually.TrueAsync(() => gateway.Config.LastErrors.Count > 0, "the invalid file is rejected");

        Assert.Equal("ReverseProxy:Clusters:c:Retry:MaxAttempts", Assert.Single(gateway.Config.LastErrors).Path);
        Assert.Equal(generation, gateway.Config.Generation);
        await AssertServedByAsync(gateway, "a");
    }

    [Fact]
    public async Task ApplyAsync_ValidConfig_WritesFileAndApplies()
    {
        await using var gateway = await GatewayHost.StartAsync(GatewayConfigs.SingleCluster([_a]));
        var generation = gateway.Config.Generation;
        var json = GatewayConfigs.SingleCluster([_b]);

        var errors = (await gateway.Config.ApplyAsync(json, CancellationToken.None)).Errors;

        Assert.Empty(errors);
        Assert.Equal(json, await File.ReadAllTextAsync(gateway.ConfigPath));
        Assert.Equal(json, gateway.Config.CurrentJson);
        Assert.Equal(generation + 1, gateway.Config.Generation);
        await AssertServedByAsync(gateway, "b");
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(gateway.ConfigPath)!, "*.tmp"));

        // The watcher sees its own write as no change.
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Equal(generation + 1, gateway.Config.Generation);
    }

    [Fact]
    [SupportedOSPlatform("linux")]
    public async Task ApplyAsync_FileReadableOnlyByOwner_ReplacementKeepsPermissions()
    {
        await using var gateway = await GatewayHost.StartAsync(GatewayConfigs.SingleCluster([_a]));
        const UnixFileMode ownerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        File.SetUnixFileMode(gateway.ConfigPath, ownerOnly);

        Assert.Empty((await gateway.Config.ApplyAsync(GatewayConfigs.SingleCluster([_b]), CancellationToken.None)).Errors);

        Assert.Equal(ownerOnly, File.GetUnixFileMode(gateway.ConfigPath));
    }

    [Fact]
    public async Task ApplyAsync_InvalidConfig_ReturnsEveryErrorAndChangesNothing()
    {
        await using var gateway = await GatewayHost.StartAsync(GatewayConfigs.SingleCluster([_a]));
        var before = await File.ReadAllTextAsync(gateway.ConfigPath);
        var generation = gateway.Config.Generation;

        var errors = await gateway.Config.ApplyAsync(
            GatewayConfigs.SingleCluster([_b], """ "Retry": { "MaxAttempts": 0, "OnStatusCodes": [ 200 ] }, """), CancellationToken.None);

        Assert.Equal(2, errors.Errors.Count);
        Assert.Equal(before, await File.ReadAllTextAsync(gateway.ConfigPath));
        Assert.Equal(generation, gateway.Config.Generation);
        await AssertServedByAsync(gateway, "a");
    }

    [Fact]
    public async Task ApplyAsync_WriteFails_OldFileAndOldRoutesKept()
    {
        await using var gateway = await GatewayHost.StartAsync(GatewayConfigs.SingleCluster([_a]),
            services => services.AddSingleton<IConfigFileWriter, FailingWriter>());
        var before = await File.ReadAllTextAsync(gateway.ConfigPath);
        var generation = gateway.Config.Generation;

        var errors = (await gateway.Config.ApplyAsync(GatewayConfigs.SingleCluster([_b]), CancellationToken.None)).Errors;

        Assert.Contains("disk full", Assert.Single(errors).Message);
        Assert.Equal(before, await File.ReadAllTextAsync(gateway.ConfigPath));
        Assert.Equal(before, gateway.Config.CurrentJson);
        Assert.Equal(generation, gateway.Config.Generation);
        await AssertServedByAsync(gateway, "a");
    }

    [Fact]
    public async Task Validate_InvalidConfig_DryRunListsErrorsAndChangesNothing()
    {
        await using var gateway = await GatewayHost.StartAsync(GatewayConfigs.SingleCluster([_a]));
        var generation = gateway.Config.Generation;

        var errors = gateway.Config.Validate("""{ "ReverseProxy": { "Routes": { "r": { "ClusterId": "c", "Match": { "Path": "/" } } }, "Clusters": {} } }""");
        var valid = gateway.Config.Validate(GatewayConfigs.SingleCluster([_b]));

        Assert.Contains(errors, e => e.Path == "ReverseProxy:Clusters");
        Assert.Empty(valid);
        Assert.Equal(generation, gateway.Config.Generation);
        await AssertServedByAsync(gateway, "a");
    }

    [Fact]
    public async Task AddConfigSectionValidator_RegisteredSection_ErrorsUseKeyPathsAndBlockApply()
    {
        await using var gateway = await GatewayHost.StartAsync(GatewayConfigs.SingleCluster([_a]),
            services => services.AddConfigSectionValidator<SampleOptions, SampleOptionsValidator>("Sample"));
        var withSample = GatewayConfigs.SingleCluster([_b]).TrimEnd().TrimEnd('}') +
            """, "Sample": { "Instances": { "VI_1": { "Priority": 300 } } } }""";
        var notANumber = withSample.Replace("\"Instances\"", "\"Limit\": \"high\", \"Instances\"");

        var errors = (await gateway.Config.ApplyAsync(withSample, CancellationToken.None)).Errors;
        var bindErrors = gateway.Config.Validate(notANumber);

        var error = Assert.Single(errors);
        Assert.Equal("Sample:Instances:VI_1:Priority", error.Path);
        Assert.Equal("Priority 300 is outside 1–255.", error.Message);
        var bindError = Assert.Single(bindErrors, e => e.Message.Contains("'high'"));
        Assert.Equal("Sample:Limit", bindError.Path);
        await AssertServedByAsync(gateway, "a");
    }

    private static async Task AssertServedByAsync(GatewayHost gateway, string backend)
    {
        await Eventually.TrueAsync(async () =>
        {
            using var response = await gateway.Client.GetAsync("/which");
            return response.StatusCode == HttpStatusCode.OK && response.Headers.GetValues("X-Backend").Single() == backend;
        }, $"requests are served by {backend}", TimeSpan.FromSeconds(5));
    }

    private sealed class FailingWriter : IConfigFileWriter
    {
        public Task WriteAtomicallyAsync(string path, string contents, CancellationToken cancellationToken) =>
            throw new IOException("disk full");
    }

    public sealed class SampleOptions
    {
        public int Limit { get; set; }

        public Dictionary<string, SampleInstance> Instances { get; set; } = [];
    }

    public sealed class SampleInstance
    {
        public int Priority { get; set; } = 100;
    }

    public sealed class SampleOptionsValidator : AbstractValidator<SampleOptions>
    {
        public SampleOptionsValidator()
        {
            // OverrideIndexer names a dictionary entry by its key ("Instances[VI_1]") instead of its position.
            RuleForEach(o => o.Instances)
                .OverrideIndexer((_, _, entry, _) => $"[{entry.Key}]")
                .ChildRules(instance => instance
                    .RuleFor(i => i.Value.Priority).InclusiveBetween(1, 255)
                    .OverridePropertyName("Priority")
                    .WithMessage(i => $"Priority {i.Value.Priority} is outside 1–255."));
        }
    }
}
