using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using L7Gate.Proxy.AccessLog;
using L7Gate.Proxy.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace L7Gate.Proxy.Tests.AccessLog;

/// <summary>
/// The access log through the real host and real loopback backends: the file it writes (Serilog.Sinks.File), the
/// combined format as log tools parse it, rotation, the per-route switch and a stalled sink.
/// </summary>
public sealed partial class AccessLogTests : IAsyncLifetime
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("l7gate-accesslog-");
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
        _directory.Delete(recursive: true);
    }

    [Fact]
    public async Task Request_JsonFormat_FileLineHasEveryFieldWithTheRequestsValues()
    {
        await _a.StopAsync();
        var path = Path.Combine(_directory.FullName, "access.log");
        await using var gateway = await GatewayHost.StartAsync(Config(
            $$"""{ "Enabled": true, "Path": {{JsonSerializer.Serialize(path)}}, "FlushInterval": "00:00:00.100" }"""));

        var get = await ProxyRequests.SendAsync(gateway.Server, "/items/7?a=1&api_token=s3cret&next=https://bob:pw@example.org/x",
            client: "192.0.2.10", clientPort: 40123,
            request: r => r.Headers.UserAgent = "curl/8.5.0");
        var post = await ProxyRequests.SendAsync(gateway.Server, "/upload", client: "2001:db8::7", request: r =>
        {
            r.Method = "POST";
            r.Body = new MemoryStream(Encoding.UTF8.GetBytes("hello world"));
            r.ContentLength = 11;
        });
        Assert.Equal(200, get.Status);
        Assert.Equal(200, post.Status);

        var lines = await ReadLinesAsync(_directory, "access*.log", 2);
        using var first = JsonDocument.Parse(lines[0]);
        var e = first.RootElement;
        string[] fields =
        [
            "time", "client_ip", "client_port", "method", "host", "path", "query", "protocol", "status", "bytes_in", "bytes_out",
            "duration_ms", "backend_ttfb_ms", "route", "cluster", "destination", "attempts", "backend_status", "trace_id",
            "tls_protocol", "sni", "user_agent", "referer",
        ];
        Assert.Equal(fields, e.EnumerateObject().Select(p => p.Name));
        Assert.True(DateTimeOffset.UtcNow - e.GetProperty("time").GetDateTimeOffset() < TimeSpan.FromMinutes(5));
        Assert.Equal("192.0.2.10", e.GetProperty("client_ip").GetString());
        Assert.Equal(40123, e.GetProperty("client_port").GetInt32());
        Assert.Equal("GET", e.GetProperty("method").GetString());
        Assert.Equal("gw.example", e.GetProperty("host").GetString());
        Assert.Equal("/items/7", e.GetProperty("path").GetString());
        Assert.Equal("a=1&api_token=***&next=https://***@example.org/x", e.GetProperty("query").GetString());
        Assert.Equal("HTTP/1.1", e.GetProperty("protocol").GetString());
        Assert.Equal(200, e.GetProperty("status").GetInt32());
        Assert.Equal(0, e.GetProperty("bytes_in").GetInt64());
        Assert.Equal(Encoding.UTF8.GetByteCount(get.Body), e.GetProperty("bytes_out").GetInt64());
        var duration = e.GetProperty("duration_ms").GetDouble();
        var firstByte = e.GetProperty("backend_ttfb_ms").GetDouble();
        Assert.InRange(firstByte, 0.001, duration);
        Assert.Equal("all", e.GetProperty("route").GetString());
        Assert.Equal("c", e.GetProperty("cluster").GetString());
        Assert.Equal("b", e.GetProperty("destination").GetString());
        Assert.Equal(2, e.GetProperty("attempts").GetInt32());
        Assert.Equal(200, e.GetProperty("backend_status").GetInt32());
        Assert.Equal(JsonValueKind.Null, e.GetProperty("trace_id").ValueKind);
        Assert.Equal(JsonValueKind.Null, e.GetProperty("tls_protocol").ValueKind);
        Assert.Equal(JsonValueKind.Null, e.GetProperty("sni").ValueKind);
        Assert.Equal("curl/8.5.0", e.GetProperty("user_agent").GetString());
        Assert.DoesNotContain("s3cret", lines[0]);
        Assert.DoesNotContain("bob", lines[0]);

        using var second = JsonDocument.Parse(lines[1]);
        var p = second.RootElement;
        Assert.Equal("2001:db8::7", p.GetProperty("client_ip").GetString());
        Assert.Equal("POST", p.GetProperty("method").GetString());
        Assert.Equal(JsonValueKind.Null, p.GetProperty("query").ValueKind);
        Assert.Equal(11, p.GetProperty("bytes_in").GetInt64());
        Assert.EndsWith("body=hello world", post.Body);
    }

    [Fact]
    public async Task Request_CombinedFormat_LineParsesWithTheStandardCombinedRegex()
    {
        var path = Path.Combine(_directory.FullName, "combined.log");
        await using var gateway = await GatewayHost.StartAsync(Config(
            $$"""{ "Enabled": true, "Format": "Combined", "Path": {{JsonSerializer.Serialize(path)}}, "FlushInterval": "00:00:00.100" }"""));

        var answer = await ProxyRequests.SendAsync(gateway.Server, "/search?q=x&password=hunter2", client: "192.0.2.44", request: r =>
        {
            r.Headers.UserAgent = "Evil \"agent\" 1.0";
            r.Headers.Referer = "https://ref.example/";
        });
        Assert.Equal(200, answer.Status);

        var line = Assert.Single(await ReadLinesAsync(_directory, "combined*.log", 1));
        var match = Combined().Match(line);
        Assert.True(match.Success, line);
        Assert.Equal("192.0.2.44", match.Groups["addr"].Value);
        Assert.True(DateTimeOffset.TryParseExact(match.Groups["time"].Value, "dd/MMM/yyyy:HH:mm:ss zzz",
            System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out _), match.Groups["time"].Value);
        Assert.Equal("GET", match.Groups["method"].Value);
        Assert.Equal("/search?q=x&password=***", match.Groups["uri"].Value);
        Assert.Equal("200", match.Groups["status"].Value);
        Assert.Equal(Encoding.UTF8.GetByteCount(answer.Body).ToString(System.Globalization.CultureInfo.InvariantCulture), match.Groups["bytes"].Value);
        Assert.Equal("https://ref.example/", match.Groups["referer"].Value);
        Assert.Equal("Evil \\x22agent\\x22 1.0", match.Groups["agent"].Value);
    }

    [Fact]
    public async Task FileOutput_SizeLimitReached_RollsOverToNewFiles()
    {
        var path = Path.Combine(_directory.FullName, "rolling.log");
        await using var gateway = await GatewayHost.StartAsync(Config(
            $$"""{ "Enabled": true, "Path": {{JsonSerializer.Serialize(path)}}, "RollingInterval": "None", "FileSizeLimitBytes": 65536, "RetainedFileCount": 10, "FlushInterval": "00:00:00.100" }"""));
        var agent = new string('u', 2000);

        for (var i = 0; i < 80; i++)
        {
            var answer = await ProxyRequests.SendAsync(gateway.Server, $"/r/{i}", request: r => r.Headers.UserAgent = agent);
            Assert.Equal(200, answer.Status);
        }

        await Eventually.TrueAsync(() => Files().Sum(f => f.Length) > 80 * 2000, "all 80 lines reached the files");
        var files = Files();
        Assert.True(files.Length >= 2, $"expected rolled files, found {string.Join(", ", files.Select(f => f.Name))}");
        // Serilog rolls once a write has reached the limit; L7Gate hands it lines in batches of at most a sixteenth of
        // the limit (4 KiB minimum): at most one batch and one line over it.
        Assert.All(files, f => Assert.True(f.Length <= 65536 + 4096 + 2200, $"{f.Name} is {f.Length} bytes"));
        Assert.Contains(files, f => f.Name.StartsWith("rolling_001", StringComparison.Ordinal));

        FileInfo[] Files() => _directory.GetFiles("rolling*.log");
    }

    [Fact]
    public async Task Route_AccessLogDisabled_ItsRequestsAreLeftOut()
    {
        var sink = new CapturingAccessLogSink();
        await using var gateway = await GatewayHost.StartAsync($$"""
        {
          "AccessLog": { "Enabled": true },
          "ReverseProxy": {
            "Routes": {
              "quiet": { "ClusterId": "c", "Match": { "Path": "/health/{**rest}" }, "AccessLog": { "Enabled": false } },
              "loud": { "ClusterId": "c", "Match": { "Path": "/{**rest}" } }
            },
            "Clusters": { "c": { "Destinations": { "b": { "Address": "{{_b.Url}}" } } } }
          }
        }
        """, services => services.AddSingleton<IAccessLogSink>(sink));

        Assert.Equal(200, (await ProxyRequests.SendAsync(gateway.Server, "/health/check")).Status);
        Assert.Equal(200, (await ProxyRequests.SendAsync(gateway.Server, "/page")).Status);

        // One writer, in order: once the second request's line is there, the first one's would be too.
        await Eventually.TrueAsync(() => sink.Lines.Any(l => l.Contains("\"/page\"", StringComparison.Ordinal)), "the loud route's line is written");
        var line = Assert.Single(sink.Lines);
        Assert.Contains("\"route\":\"loud\"", line);
    }

    [Fact]
    public async Task Queue_SinkStalled_RequestsDoNotWaitAndDropsAreCounted()
    {
        var sink = new CapturingAccessLogSink();
        sink.Stall();
        await using var gateway = await GatewayHost.StartAsync(Config("""{ "Enabled": true, "QueueSize": 4 }"""),
            services => services.AddSingleton<IAccessLogSink>(sink));
        using var metrics = new MetricRecorder(gateway.Services);

        Assert.Equal(200, (await ProxyRequests.SendAsync(gateway.Server, "/first")).Status);
        await Eventually.TrueAsync(() => sink.IsBlocked, "the writer is stuck in the sink");

        const int more = 40;
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        for (var i = 0; i < more; i++)
        {
            var answer = await ProxyRequests.SendAsync(gateway.Server, $"/more/{i}").WaitAsync(deadline.Token);
            Assert.Equal(200, answer.Status);
        }

        // The writer holds the first line; the queue holds four; everything else was dropped, not waited for.
        Assert.Equal(more - 4, metrics.Sum("l7gate.accesslog.dropped"));

        sink.Release();
        await Eventually.TrueAsync(() => sink.Lines.Count == 5, "the held and queued lines are written once the sink moves");
        Assert.Contains(sink.Lines, l => l.Contains("\"/first\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Disabled_NoLineIsWritten()
    {
        var sink = new CapturingAccessLogSink();
        await using var gateway = await GatewayHost.StartAsync(Config("""{ "Enabled": false }"""),
            services => services.AddSingleton<IAccessLogSink>(sink));

        Assert.Equal(200, (await ProxyRequests.SendAsync(gateway.Server, "/x")).Status);
        Assert.Equal(200, (await ProxyRequests.SendAsync(gateway.Server, "/y")).Status);

        Assert.Empty(sink.Lines);
        Assert.Equal(0, gateway.Services.GetRequiredService<AccessLogQueue>().Reader.Count);
    }

    [Fact]
    public void Validate_BadAccessLogValues_ErrorsNameTheKeyAndValue()
    {
        var errors = new AccessLogOptionsValidator().Validate(new AccessLogOptions
        {
            Format = (AccessLogFormat)7,
            QueueSize = 0,
            FileSizeLimitBytes = 10,
            FlushInterval = TimeSpan.Zero,
        }).Errors.Select(e => e.ErrorMessage).ToList();

        Assert.Contains(errors, e => e.StartsWith("AccessLog:Format '7'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("AccessLog:QueueSize 0", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("AccessLog:FileSizeLimitBytes 10", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("AccessLog:FlushInterval 00:00:00", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Validate_ConfigWithBadAccessLogAndRouteKey_RejectedWithPaths()
    {
        await using var gateway = await GatewayHost.StartAsync(Config("""{ "Enabled": true }"""),
            services => services.AddSingleton<IAccessLogSink>(new CapturingAccessLogSink()));

        var errors = gateway.Config.Validate($$"""
        {
          "AccessLog": { "Enabled": true, "Format": "Xml" },
          "ReverseProxy": {
            "Routes": { "r": { "ClusterId": "c", "Match": { "Path": "/{**rest}" }, "AccessLog": { "Enabeld": false } } },
            "Clusters": { "c": { "Destinations": { "b": { "Address": "{{_b.Url}}" } } } }
          }
        }
        """);

        Assert.Contains(errors, e => e.Path == "AccessLog:Format" && e.Message.Contains("Xml", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Path == "ReverseProxy:Routes:r:AccessLog" && e.Message.Contains("Enabeld", StringComparison.Ordinal));
    }

    [Fact]
    public void Reload_OutputKeysChanged_PendingRestartButEnabledAppliesLive()
    {
        var started = new Dictionary<string, string?> { ["AccessLog:Enabled"] = "false", ["AccessLog:Path"] = null };

        Assert.Empty(L7Gate.Configuration.StartupOnlyKeys.Changed(started,
            new Dictionary<string, string?> { ["AccessLog:Enabled"] = "true", ["AccessLog:Path"] = null }));
        Assert.Equal(["AccessLog:Path"], L7Gate.Configuration.StartupOnlyKeys.Changed(started,
            new Dictionary<string, string?> { ["AccessLog:Enabled"] = "false", ["AccessLog:Path"] = "/var/log/a.log" }));
    }

    [Fact]
    public async Task Reload_EnabledTurnedOn_LinesStartWithoutRestart()
    {
        var sink = new CapturingAccessLogSink();
        await using var gateway = await GatewayHost.StartAsync(Config("""{ "Enabled": false }"""),
            services => services.AddSingleton<IAccessLogSink>(sink));
        Assert.Equal(200, (await ProxyRequests.SendAsync(gateway.Server, "/before")).Status);

        await gateway.WriteConfigAsync(Config("""{ "Enabled": true }"""));

        await Eventually.TrueAsync(async () =>
        {
            await ProxyRequests.SendAsync(gateway.Server, "/after");
            return sink.Lines.Any(l => l.Contains("\"/after\"", StringComparison.Ordinal));
        }, "requests are logged after the reload");
        Assert.DoesNotContain(sink.Lines, l => l.Contains("\"/before\"", StringComparison.Ordinal));
    }

    private string Config(string accessLog) => $$"""
    {
      "AccessLog": {{accessLog}},
      "ReverseProxy": {
        "Routes": { "all": { "ClusterId": "c", "Match": { "Path": "/{**rest}" } } },
        "Clusters": {
          "c": {
            "LoadBalancingPolicy": "FirstAlphabetical",
            "Destinations": { "a": { "Address": "{{_a.Url}}" }, "b": { "Address": "{{_b.Url}}" } }
          }
        }
      }
    }
    """;

    /// <summary>The lines of the one file matching <paramref name="pattern"/> (daily rolling puts the date in the name:
    /// "access20260301.log").</summary>
    private static async Task<string[]> ReadLinesAsync(DirectoryInfo directory, string pattern, int count)
    {
        string[] lines = [];
        await Eventually.TrueAsync(() =>
        {
            var file = directory.GetFiles(pattern).SingleOrDefault();
            if (file is null)
            {
                return false;
            }

            using var stream = new FileStream(file.FullName, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            lines = new StreamReader(stream).ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
            return lines.Length >= count;
        }, $"{count} line(s) in {directory.FullName}/{pattern}");
        return lines;
    }

    // The combined-format regex of log tools (GoAccess's COMBINED, fail2ban's apache/nginx filters), grouped by name.
    [GeneratedRegex("""^(?<addr>\S+) \S+ (?<user>\S+) \[(?<time>[^\]]+)\] "(?<method>[A-Z]+) (?<uri>[^ "]+) HTTP/[0-9.]+" (?<status>[0-9]{3}) (?<bytes>[0-9]+|-) "(?<referer>[^"]*)" "(?<agent>[^"]*)"$""")]
    private static partial Regex Combined();
}
