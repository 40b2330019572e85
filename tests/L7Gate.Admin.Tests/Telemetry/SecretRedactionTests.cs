using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using L7Gate.Admin.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace L7Gate.Admin.Tests.Telemetry;

/// <summary>
/// A destination with userinfo and an Authorization transform, through the real host: neither the password nor the
/// token leaves by the admin API, the logs (a provider in the host's own logging pipeline) or the spans.
/// </summary>
public class SecretRedactionTests : BackendTests
{
    private const string Password = "hunter2pass";
    private const string Token = "tok-7f3a9c1e5b";

    [Fact]
    public async Task AdminLogsTraces_DestinationUserInfoAndAuthorizationTransform_NoSecretLeaves()
    {
        var logs = new CapturingLoggerProvider();
        var spans = new SpanCapture();
        await using var gateway = GatewayHost.Start(Config(), services =>
        {
            services.AddSingleton<ILoggerProvider>(logs);
            services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddProcessor(spans));
        });

        var proxied = await gateway.Client.GetAsync("/hello");
        var config = await gateway.Admin.GetStringAsync("/admin/config");
        var status = await gateway.Admin.GetStringAsync("/admin/status");

        Assert.Equal(HttpStatusCode.OK, proxied.StatusCode);
        Assert.DoesNotContain(Password, config);
        Assert.DoesNotContain(Token, config);
        Assert.Contains("***@127.0.0.1", config);
        Assert.DoesNotContain(Password, status);
        Assert.Contains("***@127.0.0.1", status);

        // YARP's forwarder logged the request (so the check below has something to look at), redacted.
        await Eventually.GetAsync(() => Task.FromResult(logs.Lines), lines => lines.Any(l => l.Contains("Proxying to http://***@127.0.0.1", StringComparison.Ordinal)), "YARP's Proxying log line");
        Assert.DoesNotContain(logs.Lines, l => l.Contains(Password, StringComparison.Ordinal) || l.Contains(Token, StringComparison.Ordinal));

        // The forward's client span exists and names the destination, without its userinfo.
        await Eventually.GetAsync(() => Task.FromResult(spans.Tags), tags => tags.Any(t => t.StartsWith("url.full=http://", StringComparison.Ordinal)), "the forward's client span");
        Assert.DoesNotContain(spans.Tags, t => t.Contains(Password, StringComparison.Ordinal) || t.Contains(Token, StringComparison.Ordinal));
    }

    [Fact]
    public async Task RejectedConfig_ValuesWithUserInfo_NoSecretInPutAnswerStatusOrLogs()
    {
        var logs = new CapturingLoggerProvider();
        await using var gateway = GatewayHost.Start(TestConfig.Gateway([A]), services => services.AddSingleton<ILoggerProvider>(logs));
        var broken = TestConfig.Gateway([A]);
        broken["ReverseProxy"]!["Clusters"]!["web"]!["Destinations"]!["a"] = new JsonObject
        {
            ["Address"] = $"http://gateuser:{Password}@127.0.0.1:99999/",
            ["Health"] = $"htp://gateuser:{Password}@127.0.0.1:1/",
        };
        broken["Admin"]!["Urls"] = $"http://admin:{Password}@127.0.0.1:notaport";

        using var put = await gateway.Admin.PutAsync("/admin/config", new StringContent(broken.ToJsonString(), System.Text.Encoding.UTF8, "application/json"));
        var putAnswer = await put.Content.ReadAsStringAsync();
        await gateway.WriteConfigAsync(broken.ToJsonString());
        await Eventually.TrueAsync(() => gateway.Config.LastErrors.Count >= 3, "the broken file is rejected with an error per bad value");
        var status = await gateway.Admin.GetStringAsync("/admin/status");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, put.StatusCode);
        Assert.Contains("Destinations:a:Address", putAnswer);
        Assert.Contains("Destinations:a:Health", putAnswer);
        Assert.Contains("Admin:Urls", putAnswer);
        Assert.DoesNotContain(Password, putAnswer);
        var lastErrors = JsonNode.Parse(status)!["config"]!["lastErrors"]!.AsArray();
        Assert.Contains(lastErrors, e => e!["path"]!.GetValue<string>().EndsWith("Destinations:a:Address", StringComparison.Ordinal));
        Assert.DoesNotContain(Password, status);
        Assert.DoesNotContain(logs.Lines, l => l.Contains(Password, StringComparison.Ordinal));
        Assert.Equal("a", await gateway.Client.GetStringAsync("/hello"));
    }

    private JsonObject Config()
    {
        var config = TestConfig.Gateway([A]);
        var userInfoUrl = A.Url.Replace("http://", $"http://gateuser:{Password}@", StringComparison.Ordinal);
        var cluster = config["ReverseProxy"]!["Clusters"]!["web"]!;
        cluster["Destinations"]!["a"] = new JsonObject { ["Address"] = userInfoUrl, ["Health"] = userInfoUrl };
        config["ReverseProxy"]!["Routes"]!["all"]!["Transforms"] = new JsonArray(
            new JsonObject { ["RequestHeader"] = "Authorization", ["Set"] = $"Bearer {Token}" });
        config["Logging"]!["LogLevel"]!["Yarp.ReverseProxy.Forwarder"] = "Information";
        config["Telemetry"] = new JsonObject { ["Tracing"] = "Enabled" };
        return config;
    }

    /// <summary>A processor added after L7Gate's own: sees each span as an exporter would.</summary>
    private sealed class SpanCapture : BaseProcessor<Activity>
    {
        private readonly ConcurrentQueue<string> _tags = new();

        public IReadOnlyList<string> Tags => _tags.ToArray();

        public override void OnEnd(Activity data)
        {
            _tags.Enqueue($"name={data.DisplayName}");
            foreach (var (key, value) in data.TagObjects)
            {
                _tags.Enqueue($"{key}={value}");
            }
        }
    }
}
