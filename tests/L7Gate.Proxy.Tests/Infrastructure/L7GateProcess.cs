using System.Diagnostics;

namespace L7Gate.Proxy.Tests.Infrastructure;

/// <summary>Runs the built L7Gate.dll with <c>dotnet</c> as a real process, for exit codes and stderr.</summary>
public static class L7GateProcess
{
    public sealed record Result(int ExitCode, string[] StdoutLines, string[] StderrLines);

    /// <summary>Starts L7Gate and leaves it running; the caller kills it.</summary>
    public static Process Start(IEnumerable<string> args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetTempPath(),
        };
        start.ArgumentList.Add(typeof(Program).Assembly.Location);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment.Remove("ASPNETCORE_ENVIRONMENT");
        start.Environment["Urls"] = "http://127.0.0.1:0";
        start.Environment["Admin__Urls"] = "http://127.0.0.1:0";
        return Process.Start(start)!;
    }

    public static async Task<Result> RunAsync(IEnumerable<string> args, string? workingDirectory = null, IDictionary<string, string>? environment = null)
    {
        var dll = typeof(Program).Assembly.Location;
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory ?? Path.GetTempPath(),
        };
        start.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // The test runner's own environment must not leak into the gateway (e.g. ASPNETCORE_ENVIRONMENT).
        start.Environment.Remove("ASPNETCORE_ENVIRONMENT");
        start.Environment["Urls"] = "http://127.0.0.1:0";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"L7Gate {string.Join(' ', args)} did not exit within 60 s (it should have).");
        }

        return new Result(process.ExitCode, Lines(await stdout), Lines(await stderr));
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
