using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace L7Gate.Admin.Tests.Infrastructure;

/// <summary>
/// L7Gate as an operator runs it: <c>dotnet L7Gate.dll --config FILE</c> in its own process, real Kestrel listeners
/// on loopback port 0; the addresses are read from its log ("Now listening on", "Admin API listening on").
/// </summary>
public sealed partial class GatewayProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly string _directory;

    private GatewayProcess(Process process, string directory)
    {
        _process = process;
        _directory = directory;
    }

    /// <summary>The proxy listener, e.g. http://127.0.0.1:41234.</summary>
    public string ProxyUrl { get; private set; } = string.Empty;

    /// <summary>The admin listener.</summary>
    public string AdminUrl { get; private set; } = string.Empty;

    public string ConfigPath => Path.Combine(_directory, "l7gate.json");

    /// <summary>Everything the process wrote so far (stdout and stderr).</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>The built L7Gate.dll of the same configuration as the tests.</summary>
    public static string GatewayDll
    {
        get
        {
            var beside = Path.Combine(AppContext.BaseDirectory, "L7Gate.dll");
            if (File.Exists(Path.Combine(AppContext.BaseDirectory, "L7Gate.runtimeconfig.json")))
            {
                return beside;
            }

            var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name; // bin/<Configuration>/net10.0
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "L7Gate.sln")))
            {
                dir = dir.Parent;
            }

            return Path.Combine(dir!.FullName, "src", "L7Gate", "bin", configuration, "net10.0", "L7Gate.dll");
        }
    }

    /// <summary>Starts the gateway with <paramref name="config"/>; listeners on 127.0.0.1 port 0 unless the config says otherwise.</summary>
    public static GatewayProcess Start(JsonObject config, IDictionary<string, string>? environment = null, params string[] extraArgs)
    {
        var directory = Directory.CreateTempSubdirectory("l7gate-admin-proc-").FullName;
        config["Urls"] ??= "http://127.0.0.1:0";
        var admin = config["Admin"] as JsonObject ?? [];
        admin["Urls"] ??= "http://127.0.0.1:0";
        config["Admin"] = admin;
        File.WriteAllText(Path.Combine(directory, "l7gate.json"), config.ToJsonString());

        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = directory,
        };
        info.ArgumentList.Add(GatewayDll);
        info.ArgumentList.Add("--config");
        info.ArgumentList.Add(Path.Combine(directory, "l7gate.json"));
        foreach (var arg in extraArgs)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["DOTNET_NOLOGO"] = "1";
        info.Environment["Logging__Console__FormatterName"] = "simple";
        info.Environment["Logging__Console__FormatterOptions__SingleLine"] = "true";
        info.Environment.Remove("OTEL_EXPORTER_OTLP_ENDPOINT");
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var gateway = new GatewayProcess(process, directory);
        process.OutputDataReceived += (_, e) => gateway.OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => gateway.OnLine(e.Data);
        process.Exited += (_, _) => gateway._ready.TrySetException(new InvalidOperationException("L7Gate exited before it was ready"));
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return gateway;
    }

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
        using var cts = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cts.Token);
        return _process.ExitCode;
    }

    /// <summary>A client for the admin listener, with the API key when given.</summary>
    public HttpClient AdminClient(string? apiKey = TestConfig.ApiKey)
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

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }

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

    [GeneratedRegex(@"Now listening on: (http://\S+)")]
    private static partial Regex ProxyListening();
}
