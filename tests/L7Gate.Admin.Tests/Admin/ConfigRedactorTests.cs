using L7Gate.Admin.Config;

namespace L7Gate.Admin.Tests.Admin;

public class ConfigRedactorTests
{
    [Fact]
    public void Redact_Secrets_ReplacedEverywhere()
    {
        const string json = """
            {
              // comments are allowed in config files
              "Admin": { "Urls": "http://127.0.0.1:9901", "ApiKey": "s3cr3t-admin-key-123" },
              "Failover": { "Instances": { "VI_1": { "Priority": 100, "Authentication": { "Password": "vrrp-pass" } } } },
              "Telemetry": { "OtlpHeaders": { "AuthToken": "abc" }, "ClientSecret": "def" },
              "ReverseProxy": { "Clusters": { "c": { "SessionAffinity": { "AffinityKeyName": ".L7Gate.Affinity" } } } },
            }
            """;

        var redacted = ConfigRedactor.Redact(json)!;
        var text = redacted.ToJsonString();

        Assert.DoesNotContain("s3cr3t-admin-key-123", text);
        Assert.DoesNotContain("vrrp-pass", text);
        Assert.DoesNotContain("\"abc\"", text);
        Assert.DoesNotContain("\"def\"", text);
        Assert.Equal(ConfigRedactor.Redacted, redacted["Admin"]!["ApiKey"]!.GetValue<string>());
        Assert.Equal(ConfigRedactor.Redacted, redacted["Failover"]!["Instances"]!["VI_1"]!["Authentication"]!["Password"]!.GetValue<string>());
        Assert.Equal("http://127.0.0.1:9901", redacted["Admin"]!["Urls"]!.GetValue<string>());
        Assert.Equal(100, redacted["Failover"]!["Instances"]!["VI_1"]!["Priority"]!.GetValue<int>());
        Assert.Equal(".L7Gate.Affinity", redacted["ReverseProxy"]!["Clusters"]!["c"]!["SessionAffinity"]!["AffinityKeyName"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("ApiKey", true)]
    [InlineData("Password", true)]
    [InlineData("clientSecret", true)]
    [InlineData("BearerToken", true)]
    [InlineData("AffinityKeyName", false)]
    [InlineData("Urls", false)]
    public void IsSecretName_Name_Classified(string name, bool secret)
    {
        Assert.Equal(secret, ConfigRedactor.IsSecretName(name));
    }
}
