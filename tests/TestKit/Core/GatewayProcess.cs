using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace L7Gate.TestKit;

/// <summary>
/// L7Gate as an operator runs it, in its own process with real Kestrel listeners: either the built L7Gate.dll under
/// <c>dotnet</c> with a config the test supplies (listeners on loopback port 0, their addresses read from the log:
/// "Now listening on", "Admin API listening on"), or a given executable such as the published apphost.
/// </summary>
public sealed partial class GatewayProcess : IAsyncDisposable
{
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly string? _directory;
    private ChildProcess _child = null!;

    private GatewayProcess(string? directory) => _directory = directory;

    /// <summary>The proxy listener, e.g. http://127.0.0.1:41234 (config-started processes only).</summary>
    public string ProxyUrl { get; private set; } = string.Empty;

    /// <summary>The admin listener (config-started processes only).</summary>
    public string AdminUrl { get; private set; } = string.Empty;

    /// <summary>The config file the process was started with (config-started processes only).</summary>
    public string ConfigPath => Path.Combine(_directory ?? throw new InvalidOperationException("not started from a config"), "l7gate.json");

    /// <summary>Everything the process wrote so far (stdout and stderr).</summary>
    public string Output => _child.Output;

    /// <summary>True once the process has exited.</summary>
    public bool HasExited => _child.HasExited;

    /// <summary>The exit code (the process must have exited).</summary>
    public int ExitCode => _child.ExitCode;

    /// <summary>The process underneath, for signals.</summary>
    public ChildProcess Process => _child;

    /// <summary>The built L7Gate.dll of the same configuration as the tests.</summary>
    public static string GatewayDll => GatewayBuild.Dll;

    /// <summary>Starts the gateway with <paramref name="config"/>; listeners on 127.0.0.1 port 0 unless the config says otherwise.</summary>
    public static GatewayProcess Start(JsonObject config, IDictionary<string, string>? environment = null, params string[] extraArgs)
    {
        var directory = Directory.CreateTempSubdirectory("l7gate-proc-").FullName;
        config["Urls"] ??= "http://127.0.0.1:0";
        var admin = config["Admin"] as JsonObject ?? [];
        admin["Urls"] ??= "http://127.0.0.1:0";
        config["Admin"] = admin;
        var path = Path.Combine(directory, "l7gate.json");
        File.WriteAllText(path, config.ToJsonString());

        var gateway = new GatewayProcess(directory);
        IEnumerable<KeyValuePair<string, string?>> variables =
        [
            new("DOTNET_NOLOGO", "1"),
            new("Logging__Console__FormatterName", "simple"),
            new("Logging__Console__FormatterOptions__SingleLine", "true"),
            new("OTEL_EXPORTER_OTLP_ENDPOINT", null),
            .. (environment ?? new Dictionary<string, string>()).Select(e => new KeyValuePair<string, string?>(e.Key, e.Value)),
        ];
        gateway._child = ChildProcess.Start("dotnet", [GatewayBuild.Dll, "--config", path, .. extraArgs], new ChildProcessOptions
        {
            Name = "L7Gate",
            WorkingDirectory = directory,
            Environment = variables,
            OnLine = gateway.OnLine,
        });
        _ = gateway._child.Exited.ContinueWith(
            _ => gateway._ready.TrySetException(new InvalidOperationException("L7Gate exited before it was ready")), TaskScheduler.Default);
        return gateway;
    }

    /// <summary>Starts <paramref name="fileName"/> (e.g. the published apphost) with plain production console output.</summary>
    public static GatewayProcess Start(
        string fileName, string workingDirectory, IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment = null) =>
        new GatewayProcess(null) { _child = ChildProcess.Start(fileName, args, ProductionOptions(workingDirectory, environment)) };

    /// <summary>Runs <paramref name="fileName"/> to completion (killing it after <paramref name="timeout"/>).</summary>
    public static Task<CommandResult> RunAsync(
        string fileName, string workingDirectory, IEnumerable<string> args, TimeSpan timeout,
        IReadOnlyDictionary<string, string>? environment = null) =>
        ChildProcess.RunAsync(fileName, args, timeout, ProductionOptions(workingDirectory, environment));

    /// <summary>Waits until both listeners are up.</summary>
    public async Task WaitReadyAsync()
    {
        try
        {
            await _ready.Task.WaitAsync(TimeSpan.FromSeconds(60));
        }
        catch (Exception ex)
        {
            throw new InvalidOperationException($"L7Gate did not start: {ex.Message}\n{Output}", ex);
        }
    }

    /// <summary>Waits for the process to exit and returns its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        if (!await _child.WaitForExitAsync(timeout))
        {
            throw new TimeoutException($"L7Gate did not exit within {timeout}:\n{Output}");
        }

        return _child.ExitCode;
    }

    /// <inheritdoc cref="ChildProcess.WaitForHttpAsync"/>
    public Task<HttpResponseMessage> WaitForHttpAsync(Uri url, TimeSpan timeout, int? expected = 200) =>
        _child.WaitForHttpAsync(url, timeout, expected);

    /// <summary>A client for the admin listener, with the API key when given.</summary>
    public HttpClient AdminClient(string? apiKey = TestApiKey.Value)
    {
        var client = new HttpClient { BaseAddress = new Uri(AdminUrl), Timeout = TimeSpan.FromSeconds(30) };
        if (apiKey is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        }

        return client;
    }

    /// <summary>A client for the proxy listener.</summary>
    public HttpClient ProxyClient() => new() { BaseAddress = new Uri(ProxyUrl), Timeout = TimeSpan.FromSeconds(30) };

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _child.DisposeAsync();
        if (_directory is null)
        {
            return;
        }

        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // a grandchild still holding a file: a temp folder is not worth a failure
        }
    }

    private static ChildProcessOptions ProductionOptions(string workingDirectory, IReadOnlyDictionary<string, string>? environment) => new()
    {
        Name = "L7Gate",
        WorkingDirectory = workingDirectory,
        // Plain console output, as `docker logs` would show it; never pick up the test's own environment name.
        Environment =
        [
            new("DOTNET_ENVIRONMENT", "Production"), new("ASPNETCORE_ENVIRONMENT", "Production"),
            .. (environment ?? new Dictionary<string, string>()).Select(e => new KeyValuePair<string, string?>(e.Key, e.Value)),
        ],
    };

    private void OnLine(string line)
    {
        if (AdminListening().Match(line) is { Success: true } admin && AdminUrl.Length == 0)
        {
            AdminUrl = admin.Groups[1].Value;
        }
        else if (ProxyListening().Match(line) is { Success: true } proxy && ProxyUrl.Length == 0)
        {
            ProxyUrl = proxy.Groups[1].Value;
        }

        if (AdminUrl.Length > 0 && ProxyUrl.Length > 0)
        {
            _ready.TrySetResult();
        }
    }

    [GeneratedRegex(@"Admin API listening on (https?://\S+)")]
    private static partial Regex AdminListening();

    [GeneratedRegex(@"Now listening on: (https?://\S+)")]
    private static partial Regex ProxyListening();
}
