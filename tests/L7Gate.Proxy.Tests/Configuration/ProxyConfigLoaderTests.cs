using FluentValidation;
using L7Gate.Proxy.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Yarp.ReverseProxy.Configuration;

namespace L7Gate.Proxy.Tests.Configuration;

/// <summary>Every ReverseProxy rule the proxy team owns, and the mapping of L7Gate keys to YARP metadata.</summary>
public sealed class ProxyConfigLoaderTests : IDisposable
{
    private readonly IHost _host;
    private readonly ProxyConfigLoader _loader;

    public ProxyConfigLoaderTests()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.AddL7GateProxy();
        builder.Services.AddL7GateRouting();
        _host = builder.Build();
        _loader = _host.Services.GetRequiredService<ProxyConfigLoader>();
    }

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task Load_NoRoutesNoClusters_BothReported()
    {
        var candidate = await LoadAsync(new() { ["Logging:LogLevel:Default"] = "Debug" });

        Assert.Equal(["ReverseProxy:Routes", "ReverseProxy:Clusters"], candidate.Failures.Select(f => f.PropertyName));
        Assert.Contains("at least one route is required", candidate.Failures[0].ErrorMessage);
    }

    [Fact]
    public async Task Load_ValidConfig_LanguagesAndBrowsersMappedToRouteMetadata()
    {
        var candidate = await LoadAsync(Valid(new()
        {
            ["ReverseProxy:Routes:r:Match:Languages:0"] = "zh-CN",
            ["ReverseProxy:Routes:r:Match:Languages:1"] = "zh",
            ["ReverseProxy:Routes:r:Match:Browsers:0"] = "Edge",
            ["ReverseProxy:Routes:r:Match:Browsers:1"] = "Mobile",
            ["ReverseProxy:Routes:r:Metadata:Team"] = "web",
        }));

        Assert.Empty(candidate.Failures);
        var metadata = Assert.Single(candidate.Routes).Metadata!;
        Assert.Equal("zh-CN,zh", metadata[L7GateMetadataKeys.Languages]);
        Assert.Equal("Edge,Mobile", metadata[L7GateMetadataKeys.Browsers]);
        Assert.Equal("web", metadata["Team"]);
    }

    [Fact]
    public async Task Load_RouteWithoutL7GateKeys_NoMetadataAdded()
    {
        var candidate = await LoadAsync(Valid());

        Assert.Null(Assert.Single(candidate.Routes).Metadata);
    }

    [Theory]
    [InlineData("Languages")]
    [InlineData("Browsers")]
    public async Task Load_ListKeyGivenAsSingleString_Reported(string key)
    {
        var candidate = await LoadAsync(Valid(new() { [$"ReverseProxy:Routes:r:Match:{key}"] = "Edge" }));

        var failure = Assert.Single(candidate.Failures);
        Assert.Equal("ReverseProxy:Routes:r:Match", failure.PropertyName);
        Assert.Contains($"{key} must be a JSON array of strings", failure.ErrorMessage);
    }

    [Fact]
    public async Task Load_RouteMatchValidatorRegistered_ItsErrorsCarryTheKeyPath()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.AddL7GateProxy();
        builder.Services.AddSingleton<IValidator<RouteMatchExtensions>, NoKlingonValidator>();
        using var host = builder.Build();
        var loader = host.Services.GetRequiredService<ProxyConfigLoader>();

        var candidate = await loader.LoadAsync(Build(Valid(new() { ["ReverseProxy:Routes:r:Match:Languages:0"] = "tlh" })));

        var failure = Assert.Single(candidate.Failures);
        Assert.Equal("ReverseProxy:Routes:r:Match:Languages:0", failure.PropertyName);
        Assert.Equal("no Klingon", failure.ErrorMessage);
    }

    [Fact]
    public async Task Load_RouteToUnknownCluster_Reported()
    {
        var candidate = await LoadAsync(Valid(new() { ["ReverseProxy:Routes:r:ClusterId"] = "nope" }));

        var failure = Assert.Single(candidate.Failures);
        Assert.Equal("ReverseProxy:Routes:r:ClusterId", failure.PropertyName);
        Assert.Equal("ClusterId 'nope' names no cluster; defined clusters: c.", failure.ErrorMessage);
    }

    [Fact]
    public async Task Load_YarpRuleBroken_YarpMessageReportedUnderTheRoute()
    {
        var candidate = await LoadAsync(Valid(new() { ["ReverseProxy:Routes:r:Match:Path"] = null, ["ReverseProxy:Clusters:c:LoadBalancingPolicy"] = "Fastest" }));

        Assert.Contains(candidate.Failures, f => f.PropertyName == "ReverseProxy:Routes:r" && f.ErrorMessage.Contains("requires Hosts or Path"));
        Assert.Contains(candidate.Failures, f => f.PropertyName == "ReverseProxy:Clusters:c" && f.ErrorMessage.Contains("Fastest"));
    }

    [Fact]
    public async Task Load_ValueYarpCannotRead_ReportedNotThrown()
    {
        var candidate = await LoadAsync(Valid(new() { ["ReverseProxy:Routes:r:Order"] = "first" }));

        var failure = Assert.Single(candidate.Failures);
        Assert.Equal("ReverseProxy", failure.PropertyName);
        Assert.Contains("first", failure.ErrorMessage);
    }

    [Theory]
    [InlineData("1")]
    [InlineData("10")]
    public async Task Load_RetryMaxAttemptsInRange_MappedToMetadata(string attempts)
    {
        var candidate = await LoadAsync(Valid(new() { ["ReverseProxy:Clusters:c:Retry:MaxAttempts"] = attempts }));

        Assert.Empty(candidate.Failures);
        var metadata = Assert.Single(candidate.Clusters).Metadata!;
        Assert.Equal(attempts, metadata[L7GateMetadataKeys.RetryMaxAttempts]);
        Assert.Equal("502,503,504", metadata[L7GateMetadataKeys.RetryOnStatusCodes]);
    }

    [Theory]
    [InlineData("0", "MaxAttempts 0 is outside 1–10 (1 turns retries off).")]
    [InlineData("11", "MaxAttempts 11 is outside 1–10 (1 turns retries off).")]
    public async Task Load_RetryMaxAttemptsOutOfRange_Reported(string attempts, string message)
    {
        var candidate = await LoadAsync(Valid(new() { ["ReverseProxy:Clusters:c:Retry:MaxAttempts"] = attempts }));

        var failure = Assert.Single(candidate.Failures);
        Assert.Equal("ReverseProxy:Clusters:c:Retry:MaxAttempts", failure.PropertyName);
        Assert.Equal(message, failure.ErrorMessage);
    }

    [Theory]
    [InlineData("499")]
    [InlineData("600")]
    public async Task Load_RetryStatusOutside5xx_Reported(string status)
    {
        var candidate = await LoadAsync(Valid(new()
        {
            ["ReverseProxy:Clusters:c:Retry:OnStatusCodes:0"] = "500",
            ["ReverseProxy:Clusters:c:Retry:OnStatusCodes:1"] = status,
        }));

        var failure = Assert.Single(candidate.Failures);
        Assert.Equal("ReverseProxy:Clusters:c:Retry:OnStatusCodes:1", failure.PropertyName);
        Assert.Equal($"status {status} cannot be retried: OnStatusCodes allows 500–599.", failure.ErrorMessage);
    }

    [Fact]
    public async Task Load_RetryStatusesAtBounds_Accepted()
    {
        var candidate = await LoadAsync(Valid(new()
        {
            ["ReverseProxy:Clusters:c:Retry:OnStatusCodes:0"] = "500",
            ["ReverseProxy:Clusters:c:Retry:OnStatusCodes:1"] = "599",
        }));

        Assert.Empty(candidate.Failures);
        Assert.Equal("500,599", candidate.Clusters[0].Metadata![L7GateMetadataKeys.RetryOnStatusCodes]);
    }

    [Theory]
    [InlineData("MaxAttempt", "3")]
    [InlineData("MaxAttempts", "three")]
    public async Task Load_RetryKeyMisspeltOrNotANumber_Reported(string key, string value)
    {
        var candidate = await LoadAsync(Valid(new() { [$"ReverseProxy:Clusters:c:Retry:{key}"] = value }));

        var failure = Assert.Single(candidate.Failures);
        Assert.Equal("ReverseProxy:Clusters:c:Retry", failure.PropertyName);
        Assert.Contains("Allowed keys: MaxAttempts (1–10), OnStatusCodes (500–599).", failure.ErrorMessage);
    }

    [Fact]
    public async Task Load_NoRetrySection_DefaultsLeftToTheRetryStep()
    {
        var candidate = await LoadAsync(Valid());

        Assert.DoesNotContain(L7GateMetadataKeys.RetryMaxAttempts, candidate.Clusters[0].Metadata!.Keys);
    }

    [Theory]
    [InlineData("00:00:00.250", true)]
    [InlineData("00:02:00", true)]
    [InlineData("00:00:00.001", false)]
    [InlineData("00:05:00", false)]
    [InlineData("soon", false)]
    public async Task Load_ConnectTimeoutMetadata_CheckedAgainstItsRange(string value, bool valid)
    {
        var candidate = await LoadAsync(Valid(new() { [$"ReverseProxy:Clusters:c:Metadata:{L7GateMetadataKeys.ConnectTimeout}"] = value }));

        if (valid)
        {
            Assert.Empty(candidate.Failures);
        }
        else
        {
            var failure = Assert.Single(candidate.Failures);
            Assert.Equal($"ReverseProxy:Clusters:c:Metadata:{L7GateMetadataKeys.ConnectTimeout}", failure.PropertyName);
            Assert.StartsWith($"'{value}' is not a connect timeout", failure.ErrorMessage);
        }
    }

    [Fact]
    public async Task Load_ClusterWithoutAvailabilityPolicy_GetsL7GatePolicy()
    {
        var candidate = await LoadAsync(Valid());

        Assert.Equal("L7Gate", candidate.Clusters[0].HealthCheck!.AvailableDestinationsPolicy);
    }

    [Fact]
    public async Task Load_ClusterChoosingItsPolicy_Kept()
    {
        var candidate = await LoadAsync(Valid(new() { ["ReverseProxy:Clusters:c:HealthCheck:AvailableDestinationsPolicy"] = "HealthyOrPanic" }));

        Assert.Empty(candidate.Failures);
        Assert.Equal("HealthyOrPanic", candidate.Clusters[0].HealthCheck!.AvailableDestinationsPolicy);
    }

    private Task<ProxyConfigCandidate> LoadAsync(Dictionary<string, string?> data) => _loader.LoadAsync(Build(data)).AsTask();

    private static IConfiguration Build(Dictionary<string, string?> data) => new ConfigurationBuilder().AddInMemoryCollection(data).Build();

    [Theory]
    [InlineData("Address", "http://user:hunter2@127.0.0.1:99999/", "is not an absolute URL")]
    [InlineData("Address", "htp://127.0.0.1:8080/", "has scheme 'htp'")]
    [InlineData("Address", "ftp://user:hunter2@127.0.0.1/", "has scheme 'ftp'")]
    [InlineData("Address", "127.0.0.1:8080", "is not an absolute URL")]
    [InlineData("Address", "tcp://10.0.0.1", "names no port")]
    [InlineData("Health", "tcp://127.0.0.1:8080/", "has scheme 'tcp'")]
    [InlineData("Health", "http://127.0.0.1:70000/", "is not an absolute URL")]
    public async Task Load_BadDestinationAddress_ReportedWithItsPathAndNoPassword(string key, string address, string expected)
    {
        var candidate = await LoadAsync(Valid(new() { [$"ReverseProxy:Clusters:c:Destinations:d:{key}"] = address }));

        var failure = Assert.Single(candidate.Failures);
        Assert.Equal($"ReverseProxy:Clusters:c:Destinations:d:{key}", failure.PropertyName);
        Assert.Contains(expected, failure.ErrorMessage);
        Assert.DoesNotContain("hunter2", failure.ErrorMessage);
    }

    [Theory]
    [InlineData("http://127.0.0.1:8080/")]
    [InlineData("https://[2001:db8::1]:6443/")]
    [InlineData("tcp://192.0.2.10:6443")]
    [InlineData("tls://api.example.com:6443")]
    [InlineData("https://user:pass@backend.example.com/base/")]
    public async Task Load_GoodDestinationAddress_Accepted(string address)
    {
        var candidate = await LoadAsync(Valid(new() { ["ReverseProxy:Clusters:c:Destinations:d:Address"] = address }));

        Assert.Empty(candidate.Failures);
    }

    private static Dictionary<string, string?> Valid(Dictionary<string, string?>? overrides = null)
    {
        var data = new Dictionary<string, string?>
        {
            ["ReverseProxy:Routes:r:ClusterId"] = "c",
            ["ReverseProxy:Routes:r:Match:Path"] = "/{**rest}",
            ["ReverseProxy:Clusters:c:Destinations:d:Address"] = "http://127.0.0.1:1/",
        };
        foreach (var (key, value) in overrides ?? [])
        {
            if (value is null)
            {
                data.Remove(key);
            }
            else
            {
                data[key] = value;
            }
        }

        return data;
    }

    private sealed class NoKlingonValidator : AbstractValidator<RouteMatchExtensions>
    {
        public NoKlingonValidator() =>
            RuleForEach(m => m.Languages).NotEqual("tlh").WithMessage("no Klingon");
    }
}
