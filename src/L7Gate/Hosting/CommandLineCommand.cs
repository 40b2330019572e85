using System.Reflection;
using System.Text;

namespace L7Gate.Hosting;

/// <summary>
/// <c>L7Gate --help</c> / <c>-h</c> and <c>--version</c> (print and exit 0), and the check that every argument is
/// one L7Gate or ASP.NET Core understands: anything else prints the error and the usage on stderr and exits 2,
/// before a host starts (like <c>nginx -h</c>, <c>nginx -v</c>, and getopt's exit 2 for a usage error).
/// </summary>
/// <remarks>
/// ASP.NET Core's command-line configuration forms stay accepted: <c>--Section:Key=value</c>, <c>/Section:Key=value</c>,
/// <c>Section:Key=value</c> and <c>--Section:Key value</c> (the host's own <c>--urls</c>, <c>--environment</c>,
/// <c>--contentRoot</c> are such keys). What is rejected: a single-dash option L7Gate does not know (<c>-x</c>), a
/// <c>--name</c> with no value after it (<c>--hepl</c>, <c>--verbose</c>), <c>--config</c> without a file, and a
/// bare word that is not <c>Key=value</c>.
/// </remarks>
public static class CommandLineCommand
{
    /// <summary>Exit code of a usage error (getopt/BSD <c>EX_USAGE</c> convention used by most CLIs: 2).</summary>
    public const int UsageErrorExitCode = 2;

    /// <summary>The usage text <c>--help</c> prints: every command form the README shows.</summary>
    public static string Usage { get; } = string.Join('\n',
        "Usage: L7Gate [--config FILE] [--Section:Key=value ...]",
        "       L7Gate --config FILE --check",
        "       L7Gate --healthcheck [--config FILE]",
        "       L7Gate import keepalived FILE      (print keepalived.conf as a Failover section)",
        "       L7Gate --write-schema FILE         (regenerate the config's JSON Schema)",
        "       L7Gate --help | --version",
        "",
        "Runs the L7Gate gateway (HTTP reverse proxy, VRRP failover, admin API) until SIGTERM/SIGINT;",
        "SIGHUP re-reads the config file now (it is also watched).",
        "",
        "Options:",
        "  -c, --config FILE, --config=FILE",
        "                      config file (default appsettings/appsettings.json in the working directory,",
        "                      then next to the binary)",
        "  -t, --check         validate the config and exit: 0 valid, 1 with one line per error (like nginx -t)",
        "      --healthcheck   ask the running instance's admin /healthz and exit 0 (healthy) or 1",
        "                      (the container HEALTHCHECK; reads the same config and environment)",
        "  -h, --help          print this help and exit",
        "      --version       print the version and exit",
        "",
        "Configuration overrides (ASP.NET Core command-line configuration, highest precedence):",
        "  --Section:Key=value, /Section:Key=value, Section:Key=value, --Section:Key value",
        "                      e.g. --Admin:Urls=http://127.0.0.1:9901  --ReverseProxy:Routes:web:Order 5",
        "  --urls URLS         the proxy listeners (ASP.NET Core), e.g. --urls http://0.0.0.0:8080",
        "  --environment NAME  ASP.NET Core environment (Production by default)",
        "Environment variables Section__Key=value override the config file too (L7GATE_ / ASPNETCORE_ as ASP.NET Core reads them).",
        "",
        "Exit codes: 0 success, 1 invalid config or unhealthy, 2 usage error.",
        "");

    /// <summary>The version <c>--version</c> prints: the host assembly's informational version.</summary>
    public static string Version { get; } =
        typeof(CommandLineCommand).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(CommandLineCommand).Assembly.GetName().Version?.ToString() ?? "unknown";

    /// <summary>
    /// Handles <c>--help</c>, <c>--version</c> and usage errors; returns true with the exit code when the process
    /// should exit now, false when the gateway (or another command) should run.
    /// </summary>
    public static bool TryRun(string[] args, TextWriter stdout, TextWriter stderr, out int exitCode)
    {
        ArgumentNullException.ThrowIfNull(args);
        exitCode = 0;
        if (args.Any(static a => a is "--help" or "-h" or "-?" or "/?"))
        {
            stdout.Write(Usage);
            return true;
        }

        if (args.Contains("--version", StringComparer.Ordinal))
        {
            stdout.WriteLine($"L7Gate {Version}");
            return true;
        }

        var errors = Validate(args);
        if (errors.Count == 0)
        {
            return false;
        }

        var message = new StringBuilder();
        foreach (var error in errors)
        {
            message.Append("L7Gate: ").AppendLine(error);
        }

        message.AppendLine().Append(Usage);
        stderr.Write(message.ToString());
        exitCode = UsageErrorExitCode;
        return true;
    }

    /// <summary>The usage errors in <paramref name="args"/>, in order; empty when every argument is understood.</summary>
    public static IReadOnlyList<string> Validate(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var errors = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            if (arg is "--check" or "-t" or "--healthcheck")
            {
                continue;
            }

            if (arg is "--config" or "-c")
            {
                if (i + 1 < args.Length && !IsOption(args[i + 1]))
                {
                    i++;
                }
                else
                {
                    errors.Add($"option '{arg}' needs a file");
                }

                continue;
            }

            if (arg.StartsWith("--config=", StringComparison.Ordinal))
            {
                if (arg.Length == "--config=".Length)
                {
                    errors.Add("option '--config=' needs a file");
                }

                continue;
            }

            var key = arg.StartsWith("--", StringComparison.Ordinal) ? arg[2..]
                : arg.StartsWith('/') ? arg[1..]
                : null;
            if (key is null && arg.StartsWith('-'))
            {
                errors.Add($"unknown option '{arg}'");
                continue;
            }

            var equals = (key ?? arg).IndexOf('=', StringComparison.Ordinal);
            if (equals > 0)
            {
                continue; // --Section:Key=value, /Section:Key=value, Section:Key=value
            }

            if (key is { Length: > 0 } && equals < 0 && i + 1 < args.Length && !IsOption(args[i + 1]))
            {
                i++; // --Section:Key value
                continue;
            }

            errors.Add(key is null ? $"unexpected argument '{arg}' (a setting is Section:Key=value)" : $"unknown option '{arg}'");
        }

        return errors;
    }

    private static bool IsOption(string arg) => arg.StartsWith('-');
}
