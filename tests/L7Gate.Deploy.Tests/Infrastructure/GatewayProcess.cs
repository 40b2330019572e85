using System.Diagnostics;
using System.Text;

namespace L7Gate.Deploy.Tests.Infrastructure;

/// <summary>
/// A real L7Gate process started from the published output, with its output kept for the failure
/// message. Disposing kills it (and anything it started).
/// </summary>
public sealed class GatewayProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private GatewayProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>Everything the process printed so far.</summary>
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

    /// <summary>True once the process has exited.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>Starts <paramref name="fileName"/> with the arguments and environment given.</summary>
    public static GatewayProcess Start(
        string fileName, string workingDirectory, IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        // Plain console output, as `docker logs` would show it; never pick up the test's own environment name.
        info.Environment["DOTNET_ENVIRONMENT"] = "Production";
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        return new GatewayProcess(Process.Start(info) ?? throw new InvalidOperationException($"Could not start {fileName}"));
    }

    /// <summary>Runs a process to completion (killing it after <paramref name="timeout"/>).</summary>
    public static async Task<CommandResult> RunAsync(
        string fileName, string workingDirectory, IEnumerable<string> args, TimeSpan timeout,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        await using var process = Start(fileName, workingDirectory, args, environment);
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process._process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            return new CommandResult(-1, $"timed out after {timeout}\n{process.Output}");
        }

        // WaitForExitAsync returns once the output streams are drained too.
        return new CommandResult(process._process.ExitCode, process.Output);
    }

    /// <summary>
    /// Polls <paramref name="url"/> until it answers with <paramref name="expected"/> (or any status when
    /// null); fails with the process output when it exits or the time runs out.
    /// </summary>
    public async Task<HttpResponseMessage> WaitForHttpAsync(Uri url, TimeSpan timeout, int? expected = 200)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var clock = Stopwatch.StartNew();
        string last = "no attempt";
        while (clock.Elapsed < timeout)
        {
            if (_process.HasExited)
            {
                throw new Xunit.Sdk.XunitException($"L7Gate exited with {_process.ExitCode} before {url} answered:\n{Output}");
            }

            try
            {
                var response = await client.GetAsync(url);
                if (expected is null || (int)response.StatusCode == expected)
                {
                    return response;
                }

                last = $"{(int)response.StatusCode}";
                response.Dispose();
            }
            catch (HttpRequestException ex)
            {
                last = ex.Message;
            }
            catch (TaskCanceledException)
            {
                last = "timeout";
            }

            await Task.Delay(200);
        }

        throw new Xunit.Sdk.XunitException($"{url} did not answer {expected?.ToString() ?? "at all"} within {timeout} (last: {last}):\n{Output}");
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
