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

    [Fact]
    public void Redact_UrlUserInfoAndCredentialTransforms_RedactedByValue()
    {
        const string json = """
            {
              "OTEL_EXPORTER_OTLP_ENDPOINT": "https://otlpuser:otlp-pw-1@collector:4318",
              "ReverseProxy": {
                "Routes": { "r": { "Transforms": [
                  { "RequestHeader": "Authorization", "Set": "Bearer tok-aaa" },
                  { "RequestHeader": "X-Upstream-Token", "Append": "tok-bbb" },
                  { "ResponseHeader": "Set-Cookie", "Set": "sid=tok-ccc", "When": "Always" },
                  { "RequestHeader": "X-Route", "Set": "visible" } ] } },
                "Clusters": { "c": { "Destinations": { "a": { "Address": "http://u:dest-pw-2@10.0.0.1:80/", "Health": "http://u:health-pw-3@10.0.0.1:81/" } } } }
              }
            }
            """;

        var text = ConfigRedactor.Redact(json)!.ToJsonString();

        foreach (var secret in (string[])["otlp-pw-1", "dest-pw-2", "health-pw-3", "tok-aaa", "tok-bbb", "tok-ccc", "otlpuser"])
        {
            Assert.DoesNotContain(secret, text);
        }

        Assert.Contains("http://***@10.0.0.1:80/", text);
        Assert.Contains("visible", text);
        Assert.Contains("Always", text);
    }

    [Fact]
    public void FindPlaceholders_RedactedDocumentPostedBack_EveryRedactedValueNamed()
    {
        const string json = """
            { "Admin": { "ApiKey": "key-0123456789abcdef" },
              "ReverseProxy": { "Routes": { "r": { "Transforms": [ { "RequestHeader": "Authorization", "Set": "Bearer x" } ] } },
                "Clusters": { "c": { "Destinations": { "a": { "Address": "http://u:p@10.0.0.1/" } } } } } }
            """;

        var paths = ConfigRedactor.FindPlaceholders(ConfigRedactor.Redact(json)!.ToJsonString());

        Assert.Equal(
            ["Admin:ApiKey", "ReverseProxy:Routes:r:Transforms:0:Set", "ReverseProxy:Clusters:c:Destinations:a:Address"],
            paths);
        Assert.Empty(ConfigRedactor.FindPlaceholders(json));
    }
}
