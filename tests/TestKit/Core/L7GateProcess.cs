namespace L7Gate.TestKit;

/// <summary>Runs the built L7Gate.dll with <c>dotnet</c> to completion, for exit codes, stdout and stderr.</summary>
public static class L7GateProcess
{
    /// <summary>How a run ended; lines trimmed, empty lines dropped.</summary>
    public sealed record Result(int ExitCode, string[] StdoutLines, string[] StderrLines);

    /// <summary>Starts L7Gate with its listeners on free loopback ports and leaves it running; the caller disposes it.</summary>
    public static ChildProcess Start(IEnumerable<string> args) =>
        ChildProcess.Start("dotnet", [GatewayBuild.Dll, .. args], new ChildProcessOptions
        {
            Name = "L7Gate",
            WorkingDirectory = Path.GetTempPath(),
            Environment = [new("ASPNETCORE_ENVIRONMENT", null), new("Urls", "http://127.0.0.1:0"), new("Admin__Urls", "http://127.0.0.1:0")],
        });

    /// <summary>Runs L7Gate to completion (60 s at most: every form run this way is expected to exit by itself).</summary>
    public static async Task<Result> RunAsync(IEnumerable<string> args, string? workingDirectory = null, IDictionary<string, string>? environment = null)
    {
        var arguments = args.ToArray();
        // The test runner's own environment must not leak into the gateway (e.g. ASPNETCORE_ENVIRONMENT).
        IEnumerable<KeyValuePair<string, string?>> variables =
        [
            new("ASPNETCORE_ENVIRONMENT", null), new("Urls", "http://127.0.0.1:0"),
            .. (environment ?? new Dictionary<string, string>()).Select(e => new KeyValuePair<string, string?>(e.Key, e.Value)),
        ];
        var result = await ChildProcess.RunAsync("dotnet", [GatewayBuild.Dll, .. arguments], TimeSpan.FromSeconds(60), new ChildProcessOptions
        {
            WorkingDirectory = workingDirectory ?? Path.GetTempPath(),
            Environment = variables,
        });
        if (result.TimedOut)
        {
            throw new TimeoutException($"L7Gate {string.Join(' ', arguments)} did not exit within 60 s (it should have).");
        }

        return new Result(result.ExitCode, Lines(result.Stdout), Lines(result.Stderr));
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
