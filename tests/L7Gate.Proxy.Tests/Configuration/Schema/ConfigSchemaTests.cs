using Microsoft.Extensions.DependencyInjection;
using L7Gate.Configuration.Schema;
using L7Gate.Proxy.Configuration;

namespace L7Gate.Proxy.Tests.Configuration.Schema;

public class ConfigSchemaTests
{
    [Fact]
    public void ShippedSchema_GeneratedFromOptionsTypes_Equal()
    {
        var shipped = File.ReadAllText(Path.Combine(GatewayBuild.RepositoryRoot, ConfigSchemaGenerator.ShippedPath));

        Assert.True(shipped == ConfigSchemaGenerator.ToText(),
            $"{ConfigSchemaGenerator.ShippedPath} is stale: run dotnet run --project src/L7Gate -- --write-schema {ConfigSchemaGenerator.ShippedPath}");
    }

    public static TheoryData<string> ShippedConfigs()
    {
        var data = new TheoryData<string> { "docker/appsettings.json", "appsettings/appsettings.json" };
        foreach (var file in Directory.EnumerateFiles(Path.Combine(GatewayBuild.RepositoryRoot, "appsettings/examples"), "*.json").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetRelativePath(GatewayBuild.RepositoryRoot, file).Replace('\\', '/'));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ShippedConfigs))]
    public void Validate_ShippedConfig_NoUnknownKeyAndReferencesSchema(string config)
    {
        var text = File.ReadAllText(Path.Combine(GatewayBuild.RepositoryRoot, config));

        Assert.Empty(UnknownKeyValidator.Validate(text));
        Assert.Contains("\"$schema\"", text);
    }

    [Theory]
    [InlineData("""{ "Failover": { "Instances": { "VI_1": { "Prioirty": 200 } } } }""", "Failover:Instances:VI_1:Prioirty", "Priority")]
    [InlineData("""{ "Failover": { "Instances": { "VI_1": { "TrackProxy": { "Wieght": -20 } } } } }""", "Failover:Instances:VI_1:TrackProxy:Wieght", "Weight")]
    [InlineData("""{ "Failover": { "Instances": { "VI_1": { "TrackInterfaces": [ { "Nmae": "eth0" } ] } } } }""", "Failover:Instances:VI_1:TrackInterfaces:0:Nmae", "Name")]
    [InlineData("""{ "Failover": { "Instances": { "VI_1": { "Authentication": { "Pasword": "x" } } } } }""", "Failover:Instances:VI_1:Authentication:Pasword", "Password")]
    [InlineData("""{ "Failover": { "LinkPolInterval": "00:00:01" } }""", "Failover:LinkPolInterval", "LinkPollInterval")]
    [InlineData("""{ "Admin": { "ApiKye": "0123456789abcdef" } }""", "Admin:ApiKye", "ApiKey")]
    [InlineData("""{ "Telemetry": { "Tracng": "Enabled" } }""", "Telemetry:Tracng", "Tracing")]
    [InlineData("""{ "Demo": { "Backends": [ { "Name": "a", "Ulr": "http://127.0.0.1:5101" } ] } }""", "Demo:Backends:0:Ulr", "Url")]
    [InlineData("""{ "Failovr": { } }""", "Failovr", "Failover")]
    [InlineData("""{ "ReverseProxy": { "Routs": { } } }""", "ReverseProxy:Routs", "Routes")]
    [InlineData("""{ "ReverseProxy": { "Routes": { "r": { "Match": { "Pathh": "/" } } } } }""", "ReverseProxy:Routes:r:Match:Pathh", "Path")]
    [InlineData("""{ "ReverseProxy": { "Routes": { "r": { "Match": { "Languagez": [ "zh" ] } } } } }""", "ReverseProxy:Routes:r:Match:Languagez", "Languages")]
    [InlineData("""{ "ReverseProxy": { "Routes": { "r": { "Match": { "Headers": [ { "Nam": "X" } ] } } } } }""", "ReverseProxy:Routes:r:Match:Headers:0:Nam", "Name")]
    [InlineData("""{ "ReverseProxy": { "Routes": { "r": { "ClusterID": "c", "Ordr": 1 } } } }""", "ReverseProxy:Routes:r:Ordr", "Order")]
    [InlineData("""{ "ReverseProxy": { "Clusters": { "c": { "HealthCheck": { "Actve": { "Enabled": true } } } } } }""", "ReverseProxy:Clusters:c:HealthCheck:Actve", "Active")]
    [InlineData("""{ "ReverseProxy": { "Clusters": { "c": { "HealthCheck": { "Passive": { "ReactivationPeriode": "00:00:10" } } } } } }""", "ReverseProxy:Clusters:c:HealthCheck:Passive:ReactivationPeriode", "ReactivationPeriod")]
    [InlineData("""{ "ReverseProxy": { "Clusters": { "c": { "Retry": { "MaxAtempts": 3 } } } } }""", "ReverseProxy:Clusters:c:Retry:MaxAtempts", "MaxAttempts")]
    [InlineData("""{ "ReverseProxy": { "Clusters": { "c": { "Destinations": { "d": { "Adress": "http://x/" } } } } } }""", "ReverseProxy:Clusters:c:Destinations:d:Adress", "Address")]
    public void Validate_MisspeltKey_ErrorNamesPathAndNearestKey(string json, string path, string suggestion)
    {
        var error = Assert.Single(UnknownKeyValidator.Validate(json));

        Assert.Equal(path, error.Path);
        Assert.Contains($"did you mean '{suggestion}'?", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{ "$schema": "l7gate.schema.json", "Logging": { "Anything": { "Goes": 1 } }, "Kestrel": { "Endpoints": { } }, "AllowedHosts": "*", "urls": "http://x:1" }""")]
    [InlineData("""{ "OTEL_EXPORTER_OTLP_ENDPOINT": "http://collector:4318", "failover": { "instances": { "vi_1": { "priority": 200 } } } }""")]
    [InlineData("""{ "ReverseProxy": { "Routes": { "r": { "Metadata": { "any.key": "v" }, "Transforms": [ { "PathPrefix": "/x" } ] } } } }""")]
    [InlineData("""{ "ReverseProxy": { "Clusters": { "c": { "HttpClient": { "SslProtocols": [ "Tls12", "Tls13" ] }, "HttpRequest": { "Version": "2" } } } } }""")]
    public void Validate_HostSectionsCaseAndFreeFormMaps_Accepted(string json)
    {
        Assert.Empty(UnknownKeyValidator.Validate(json));
    }

    [Fact]
    public void Validate_KeyFarFromEveryValidOne_ListsTheValidKeys()
    {
        var error = Assert.Single(UnknownKeyValidator.Validate("""{ "Admin": { "Completely": 1 } }"""));

        Assert.Contains("valid keys: Urls, ApiKey", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_SectionWhereValueBelongs_Rejected()
    {
        var error = Assert.Single(UnknownKeyValidator.Validate("""{ "Failover": { "Instances": { "VI_1": { "Priority": { "Value": 1 } } } } }"""));

        Assert.Equal("Failover:Instances:VI_1:Priority", error.Path);
    }

    [Theory]
    [InlineData("Prioirty", "Priority", 1)]
    [InlineData("Actve", "Active", 1)]
    [InlineData("Priority", "Priority", 0)]
    [InlineData("abc", "xyz", 3)]
    public void Distance_Keys_OptimalStringAlignment(string a, string b, int distance)
    {
        Assert.Equal(distance, KeySuggestion.Distance(a, b));
    }

    [Fact]
    public async Task Registry_EverySectionTheHostValidates_Listed()
    {
        await using var gateway = await GatewayHost.StartAsync("""
            { "ReverseProxy": {
                "Routes": { "r": { "ClusterId": "c", "Match": { "Path": "/{**all}" } } },
                "Clusters": { "c": { "Destinations": { "d": { "Address": "http://127.0.0.1:1/" } } } } } }
            """);

        var sections = gateway.Services.GetServices<L7Gate.Configuration.ConfigSectionValidator>().Select(v => v.SectionName).ToList();

        Assert.NotEmpty(sections);
        // Sections of the ASP.NET Core host (Kestrel, Urls, Kestrel:Limits) are validated by L7Gate too but keep the host's key rules.
        var own = sections.Where(name => !ConfigSchemaRegistry.HostSections.Contains(name.Split(':')[0], StringComparer.OrdinalIgnoreCase)).ToList();
        Assert.NotEmpty(own);
        Assert.All(own, name => Assert.True(ConfigSchemaRegistry.Sections.ContainsKey(name),
            $"section {name} is validated but not in ConfigSchemaRegistry.Sections: add it there and regenerate the schema"));
    }
}
