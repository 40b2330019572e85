using System.Diagnostics;

namespace L7Gate.Admin.Tests.Infrastructure;

/// <summary>Locates Chromium, Node.js and the browser test's script folder; installs its npm packages when missing.</summary>
public static class BrowserTools
{
    public static string Chromium => Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium";

    /// <summary>tests/L7Gate.Admin.Tests/browser in the source tree (package.json, lock file, script).</summary>
    public static string ScriptDirectory
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "L7Gate.sln")))
            {
                dir = dir.Parent;
            }

            return Path.Combine(dir?.FullName ?? ".", "tests", "L7Gate.Admin.Tests", "browser");
        }
    }

    /// <summary>What is missing, or null when the browser test can run.</summary>
    public static string? Missing()
    {
        if (!File.Exists(Chromium))
        {
            return $"Chromium not found at {Chromium}";
        }

        if (FindOnPath("node") is null || FindOnPath("npm") is null)
        {
            return "node/npm not found on PATH";
        }

        return File.Exists(Path.Combine(ScriptDirectory, "package-lock.json")) ? null : $"{ScriptDirectory}/package-lock.json not found";
    }

    /// <summary>Runs <c>npm ci</c> once when playwright-core is not installed yet.</summary>
    public static async Task EnsurePackagesAsync()
    {
        if (Directory.Exists(Path.Combine(ScriptDirectory, "node_modules", "playwright-core")))
        {
            return;
        }

        var (code, output) = await RunAsync("npm", ScriptDirectory, TimeSpan.FromMinutes(5), "ci", "--no-audit", "--no-fund");
        Assert.True(code == 0, $"npm ci failed ({code}):\n{output}");
    }

    /// <summary>Runs a program and returns its exit code and combined output.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(string program, string workingDirectory, TimeSpan timeout, params string[] args)
    {
        var info = new ProcessStartInfo(program)
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

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            return (-1, $"timed out after {timeout}\n{await stdout}\n{await stderr}");
        }

        return (process.ExitCode, await stdout + await stderr);
    }

    private static string? FindOnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, program))
            .FirstOrDefault(File.Exists);
}
