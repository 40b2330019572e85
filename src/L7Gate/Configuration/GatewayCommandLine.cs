namespace L7Gate.Configuration;

/// <summary>
/// L7Gate's own command-line switches, <c>--config FILE</c> (or <c>--config=FILE</c>) and <c>--check</c>. They are
/// removed from what ASP.NET Core's command-line provider sees so that <c>--Section:Key=value</c> keeps working.
/// </summary>
internal sealed record GatewayCommandLine(string? ConfigFile, bool Check, string[] RemainingArgs)
{
    /// <summary>Default config file, relative to the working directory, then to the binary's directory.</summary>
    public const string DefaultConfigFile = "appsettings/appsettings.json";

    public static GatewayCommandLine Parse(string[] args)
    {
        string? configFile = null;
        var check = false;
        var remaining = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            if (arg is "--check" or "-t")
            {
                check = true;
            }
            else if (arg is "--config" or "-c" && i + 1 < args.Length)
            {
                configFile = args[++i];
            }
            else if (arg.StartsWith("--config=", StringComparison.Ordinal))
            {
                configFile = arg["--config=".Length..];
            }
            else
            {
                remaining.Add(arg);
            }
        }

        return new GatewayCommandLine(configFile, check, remaining.ToArray());
    }

    /// <summary>
    /// The config file to use: as given (relative to the working directory), or the default looked up in the
    /// working directory and then next to the binary, so a published <c>out/L7Gate</c> runs from anywhere.
    /// </summary>
    public string ResolveConfigPath()
    {
        if (ConfigFile is not null)
        {
            return Path.GetFullPath(ConfigFile);
        }

        var inWorkingDirectory = Path.GetFullPath(DefaultConfigFile);
        if (File.Exists(inWorkingDirectory))
        {
            return inWorkingDirectory;
        }

        var besideBinary = Path.Combine(AppContext.BaseDirectory, DefaultConfigFile);
        return File.Exists(besideBinary) ? besideBinary : inWorkingDirectory;
    }
}
