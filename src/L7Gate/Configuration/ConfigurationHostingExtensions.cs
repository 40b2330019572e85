using L7Gate.Proxy.Configuration;
using Microsoft.Extensions.Configuration.CommandLine;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Yarp.ReverseProxy.Configuration;

namespace L7Gate.Configuration;

/// <summary>Host wiring of the L7Gate config file: layering, validation, watch, <c>--check</c>.</summary>
public static class ConfigurationHostingExtensions
{
    /// <summary>Listener when neither the config nor the environment sets one.</summary>
    public const string DefaultUrls = "http://localhost:8080";

    /// <summary>
    /// Loads <c>--config FILE</c> (default <c>appsettings/appsettings.json</c>) where appsettings.json sits in ASP.NET
    /// Core's layering, so environment variables (<c>Section__Key</c>) and the command line (<c>--Section:Key=value</c>)
    /// still override it; registers <see cref="IGatewayConfig"/> and the file watch.
    /// </summary>
    public static WebApplicationBuilder AddL7GateConfiguration(this WebApplicationBuilder builder, string[] args)
    {
        var commandLine = GatewayCommandLine.Parse(args);
        var path = commandLine.ResolveConfigPath();
        var (text, readError) = ReadConfigFile(path);
        ConfigFileParser.TryParse(text ?? string.Empty, out var data, out _);
        var fileLayer = new GatewayConfigProvider(data);
        PlaceInLayering(builder.Configuration, fileLayer, commandLine.RemainingArgs);
        if (commandLine.Check)
        {
            // Like `nginx -t`: the verdict and the errors, not the host's own start-up logging.
            builder.Logging.ClearProviders();
        }

        var services = builder.Services;
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(new GatewayConfigFile(path, text, commandLine.Check, readError));
        services.AddSingleton(fileLayer);
        services.AddSingleton<GatewayConfig>();
        services.AddSingleton<IGatewayConfig>(sp => sp.GetRequiredService<GatewayConfig>());
        services.TryAddSingleton<IConfigFileWriter, AtomicConfigFileWriter>();
        services.AddHostedService<ConfigFileWatcher>();

        // YARP reads its config when the proxy is mapped: validating the startup file first means YARP never
        // sees an invalid config (it would throw with a stack trace instead of our one line per error).
        services.Replace(ServiceDescriptor.Singleton<IProxyConfigProvider>(sp =>
        {
            sp.GetRequiredService<GatewayConfig>().EnsureInitialized();
            return sp.GetRequiredService<ValidatedProxyConfigProvider>();
        }));
        return builder;
    }

    /// <summary>
    /// Validates the startup config; with <c>--check</c> reports and exits (0 valid, 1 invalid) like <c>nginx -t</c>;
    /// an invalid config prints one line per error on stderr and exits 1; otherwise runs until shutdown.
    /// </summary>
    public static async Task<int> RunL7GateAsync(this WebApplication app)
    {
        var file = app.Services.GetRequiredService<GatewayConfigFile>();
        var errors = app.Services.GetRequiredService<GatewayConfig>().EnsureInitialized();
        foreach (var error in errors)
        {
            await Console.Error.WriteLineAsync(ConfigErrorFormatter.Format(error, file.Path));
        }

        if (file.CheckOnly)
        {
            var verdict = errors.Count == 0 ? "test is successful" : "test failed";
            await (errors.Count == 0 ? Console.Out : Console.Error).WriteLineAsync($"L7Gate: configuration file {file.Path} {verdict}");
        }

        if (errors.Count > 0)
        {
            return 1;
        }

        if (file.CheckOnly)
        {
            return 0;
        }

        try
        {
            await app.StartAsync();
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException or UnauthorizedAccessException
            or System.Security.Cryptography.CryptographicException)
        {
            // A listener that cannot bind (port in use, address not on this host): one line and exit 1, like an
            // invalid config, rather than an unhandled exception (exit 134, a crash loop under a restart policy).
            await Console.Error.WriteLineAsync($"L7Gate: could not start: {ex.Message}");
            return 1;
        }

        await app.WaitForShutdownAsync();
        return 0;
    }

    /// <summary>
    /// The startup file's text, or why it cannot be read (permissions, a directory, an I/O error): reported as one
    /// config error naming the path, exit 1, like any other invalid config, instead of an unhandled exception.
    /// </summary>
    private static (string? Text, string? Error) ReadConfigFile(string path)
    {
        try
        {
            return (File.Exists(path) ? File.ReadAllText(path) : null, null);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Security.SecurityException)
        {
            return (null, ex.Message);
        }
    }

    private static void PlaceInLayering(ConfigurationManager configuration, GatewayConfigProvider fileLayer, string[] remainingArgs)
    {
        var sources = configuration.Sources;
        var appsettings = sources
            .Select((source, index) => (source, index))
            .Where(s => s.source is JsonConfigurationSource { Path: { } p } && p.StartsWith("appsettings", StringComparison.OrdinalIgnoreCase))
            .ToList();
        var at = appsettings.Count > 0 ? appsettings[0].index : sources.Count;
        var commandLineIndex = sources.ToList().FindIndex(s => s is CommandLineConfigurationSource);

        var rebuilt = sources.ToList();
        rebuilt.RemoveAll(s => appsettings.Any(a => ReferenceEquals(a.source, s)));
        rebuilt.Insert(Math.Min(at, rebuilt.Count), new GatewayConfigSource(fileLayer));
        if (commandLineIndex >= 0)
        {
            var index = rebuilt.FindIndex(s => s is CommandLineConfigurationSource);
            rebuilt[index] = new CommandLineConfigurationSource { Args = remainingArgs };
        }

        // Lowest layer: the documented default listener.
        rebuilt.Insert(0, new MemoryConfigurationSource { InitialData = [new("urls", DefaultUrls)] });

        sources.Clear();
        foreach (var source in rebuilt)
        {
            sources.Add(source);
        }
    }
}
