using System.Diagnostics.Metrics;
using System.Text.Json.Nodes;
using L7Gate.Configuration.Schema;
using L7Gate.Proxy.Configuration;
using L7Gate.Proxy.Secrets;
using Microsoft.Extensions.Configuration;

namespace L7Gate.Configuration;

/// <summary>
/// The whole-config-file lifecycle. A candidate (changed file, admin PUT) is parsed, layered like the live
/// configuration, and checked by YARP's validator, L7Gate's proxy rules and every registered section validator;
/// only a candidate without a single error reaches <c>IConfiguration</c> and YARP, both at once. Anything else is
/// rejected whole and the last good config keeps serving.
/// </summary>
internal sealed partial class GatewayConfig : IGatewayConfig
{
    private readonly GatewayConfigFile _file;
    private readonly GatewayConfigProvider _fileLayer;
    private readonly IConfiguration _configuration;
    private readonly ProxyConfigLoader _proxyLoader;
    private readonly ValidatedProxyConfigProvider _proxyConfig;
    private readonly ConfigSectionValidator[] _sectionValidators;
    private readonly IConfigFileWriter _writer;
    private readonly IServiceProvider _services;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<GatewayConfig> _logger;
    private readonly GatewayConfigMetrics _metrics;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly JsonObject _schema;

    private bool _initialized;
    private bool _fileUnreadable;
    private ConfigSnapshot _current = new(0, string.Empty);
    private string? _lastRejectedJson;
    private IReadOnlyList<ConfigError> _lastErrors = [];
    private DateTimeOffset? _lastErrorAt;
    private IDictionary<string, string?>? _startedWith;
    private IReadOnlyList<string> _pendingRestart = [];

    public GatewayConfig(
        GatewayConfigFile file,
        GatewayConfigProvider fileLayer,
        IConfiguration configuration,
        ProxyConfigLoader proxyLoader,
        ValidatedProxyConfigProvider proxyConfig,
        IEnumerable<ConfigSectionValidator> sectionValidators,
        IConfigFileWriter writer,
        IServiceProvider services,
        IMeterFactory meterFactory,
        TimeProvider timeProvider,
        ILogger<GatewayConfig> logger)
    {
        _file = file;
        _fileLayer = fileLayer;
        _configuration = configuration;
        _proxyLoader = proxyLoader;
        _proxyConfig = proxyConfig;
        _sectionValidators = sectionValidators.ToArray();
        _schema = SchemaOf(_sectionValidators);
        _writer = writer;
        _services = services;
        _timeProvider = timeProvider;
        _logger = logger;
        _metrics = new GatewayConfigMetrics(meterFactory, () => Generation, () => _pendingRestart.Count);
    }

    public string ConfigPath => _file.Path;

    public long Generation => Current.Generation;

    public IReadOnlyList<ConfigError> LastErrors => _lastErrors;

    public DateTimeOffset? LastErrorAt => _lastErrorAt;

    public string CurrentJson => Current.Json;

    public ConfigSnapshot Current => Volatile.Read(ref _current);

    public IReadOnlyList<string> PendingRestart => _pendingRestart;

    /// <summary>The errors that keep the startup config from being applied; empty once it is serving.</summary>
    public IReadOnlyList<ConfigError> StartupErrors { get; private set; } = [];

    /// <summary>Validates and applies the config file read at startup, once; returns its errors.</summary>
    public IReadOnlyList<ConfigError> EnsureInitialized()
    {
        _gate.Wait();
        try
        {
            if (!_initialized)
            {
                _initialized = true;
                var text = _file.InitialText;
                var prepared = _file.ReadError is { } readError
                    ? Candidate.Failed(string.Empty, [new ConfigError(string.Empty, $"config file cannot be read: {readError}")])
                    : text is null
                    ? Candidate.Failed(string.Empty, [new ConfigError(string.Empty, $"config file {_file.Path} not found (set it with --config FILE).")])
                    : PrepareAsync(text, CancellationToken.None).AsTask().GetAwaiter().GetResult();
                if (prepared.Errors.Count == 0)
                {
                    Commit(prepared);
                }
                else
                {
                    StartupErrors = prepared.Errors;
                    RecordRejection(prepared);
                }
            }

            return StartupErrors;
        }
        finally
        {
            _gate.Release();
        }
    }

    public IReadOnlyList<ConfigError> Validate(string json) =>
        PrepareAsync(json, CancellationToken.None).AsTask().GetAwaiter().GetResult().Errors;

    public async Task<ConfigApplyResult> ApplyAsync(string json, CancellationToken cancellationToken)
    {
        EnsureInitialized();
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var prepared = await PrepareAsync(json, cancellationToken);
            if (prepared.Errors.Count > 0)
            {
                RecordRejection(prepared);
                LogApplyRejected(_logger, _file.Path, prepared.Errors.Count);
                return new ConfigApplyResult(prepared.Errors, Generation);
            }

            try
            {
                await _writer.WriteAtomicallyAsync(_file.Path, json, cancellationToken);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                LogWriteFailed(_logger, _file.Path, ex);
                return new ConfigApplyResult([new ConfigError(string.Empty, $"could not write {_file.Path}: {ex.Message} Nothing was changed.")], Generation);
            }

            return new ConfigApplyResult([], Commit(prepared));
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Re-reads the config file after a change; applies it when valid, else keeps the last good config. The read
    /// happens under the same gate as <see cref="ApplyAsync"/>'s write, so what is read is never older than the
    /// last acknowledged PUT: a copy read before a PUT landed would otherwise be applied after it, as a newer
    /// generation with older content.
    /// </summary>
    public async Task ReloadFromFileAsync(CancellationToken cancellationToken)
    {
        EnsureInitialized();
        await _gate.WaitAsync(cancellationToken);
        try
        {
            string json;
            try
            {
                json = await File.ReadAllTextAsync(_file.Path, cancellationToken);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Missing or being replaced: keep serving; the next change or poll will pick it up.
                if (!_fileUnreadable)
                {
                    _fileUnreadable = true;
                    _metrics.ReloadFailed();
                    LogFileUnreadable(_logger, _file.Path, ex.Message);
                }

                return;
            }

            _fileUnreadable = false;
            if (json == CurrentJson || json == _lastRejectedJson)
            {
                return;
            }

            var prepared = await PrepareAsync(json, cancellationToken);
            if (prepared.Errors.Count > 0)
            {
                RecordRejection(prepared);
                _metrics.ReloadFailed();
                LogReloadRejected(_logger, _file.Path, prepared.Errors.Count, Generation);
                foreach (var error in prepared.Errors)
                {
                    LogReloadError(_logger, ConfigErrorFormatter.Format(error, _file.Path));
                }

                return;
            }

            Commit(prepared);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async ValueTask<Candidate> PrepareAsync(string json, CancellationToken cancellationToken)
    {
        if (!ConfigFileParser.TryParse(json, out var data, out var parseError))
        {
            return Candidate.Failed(json, [parseError!]);
        }

        var effective = ConfigurationLayers.Effective(_configuration, _fileLayer, data);
        var proxy = await _proxyLoader.LoadAsync(effective, cancellationToken);
        var errors = UnknownKeyValidator.Validate(json, _schema).ToList(); // first: a misspelt key explains the errors after it
        errors.AddRange(proxy.Failures.Select(f => new ConfigError(f.PropertyName, f.ErrorMessage)));
        foreach (var validator in _sectionValidators)
        {
            try
            {
                errors.AddRange(validator.Validate(effective, _services));
            }
            catch (Exception ex)
            {
                // A validator that throws must not take the host down, nor let the candidate through.
                errors.Add(new ConfigError(validator.SectionName, $"could not be validated: {ex.Message}"));
            }
        }

        // An error may quote the value it rejects; a URL's userinfo in it must not reach the log, --check or the admin API.
        return new Candidate(json, data, proxy, errors.Select(e => e with { Message = SecretRedactor.RedactUrlUserInfo(e.Message) }).ToList());
    }

    /// <summary>The registry's schema, plus any section registered only through AddConfigSectionValidator.</summary>
    private static JsonObject SchemaOf(IEnumerable<ConfigSectionValidator> validators)
    {
        var extra = validators
            .Where(v => v.OptionsType is not null && !ConfigSchemaRegistry.Sections.ContainsKey(v.SectionName) && v.SectionName != ProxyConfigLoader.SectionName)
            .ToList();
        if (extra.Count == 0)
        {
            return ConfigSchemaGenerator.Schema;
        }

        var sections = new Dictionary<string, Type>(ConfigSchemaRegistry.Sections, StringComparer.OrdinalIgnoreCase);
        foreach (var validator in extra)
        {
            sections[validator.SectionName] = validator.OptionsType!;
        }

        return ConfigSchemaGenerator.Build(sections);
    }

    /// <summary>
    /// Applies a valid candidate; called under the gate. The generation is published last, with its JSON text as
    /// one snapshot, so that whoever waits for it sees everything else of that generation (routes, file layer,
    /// pending restart) already in place. Returns the new generation.
    /// </summary>
    private long Commit(Candidate candidate)
    {
        var generation = Generation + 1;
        _lastRejectedJson = null;
        _lastErrors = [];
        _lastErrorAt = null;
        StartupErrors = [];
        _fileLayer.Replace(candidate.Data);
        _proxyConfig.Apply(candidate.Proxy!, generation);
        _startedWith ??= candidate.Data;
        _pendingRestart = StartupOnlyKeys.Changed(_startedWith, candidate.Data);
        Volatile.Write(ref _current, new ConfigSnapshot(generation, candidate.Json));

        LogApplied(_logger, _file.Path, generation, candidate.Proxy!.Routes.Count, candidate.Proxy.Clusters.Count);
        if (_pendingRestart.Count > 0)
        {
            LogPendingRestart(_logger, generation, string.Join(", ", _pendingRestart));
        }

        return generation;
    }

    private void RecordRejection(Candidate candidate)
    {
        _lastRejectedJson = candidate.Json;
        _lastErrors = candidate.Errors;
        _lastErrorAt = _timeProvider.GetUtcNow();
    }

    private sealed record Candidate(string Json, IDictionary<string, string?> Data, ProxyConfigCandidate? Proxy, IReadOnlyList<ConfigError> Errors)
    {
        public static Candidate Failed(string json, IReadOnlyList<ConfigError> errors) =>
            new(json, new Dictionary<string, string?>(), null, errors);
    }

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information,
        Message = "Config {ConfigPath} applied as generation {Generation}: {RouteCount} routes, {ClusterCount} clusters")]
    private static partial void LogApplied(ILogger logger, string configPath, long generation, int routeCount, int clusterCount);

    [LoggerMessage(EventId = 1009, Level = LogLevel.Warning,
        Message = "Config generation {Generation} changes keys read only at startup ({Keys}): they apply at the next restart; the running listeners, VRRP instances and telemetry are unchanged")]
    private static partial void LogPendingRestart(ILogger logger, long generation, string keys);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Error,
        Message = "Config {ConfigPath} changed but was rejected with {ErrorCount} error(s); generation {Generation} keeps serving")]
    private static partial void LogReloadRejected(ILogger logger, string configPath, int errorCount, long generation);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Error, Message = "Config error: {Error}")]
    private static partial void LogReloadError(ILogger logger, string error);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Warning,
        Message = "Config for {ConfigPath} submitted for apply was rejected with {ErrorCount} error(s); nothing changed")]
    private static partial void LogApplyRejected(ILogger logger, string configPath, int errorCount);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Error, Message = "Could not write config file {ConfigPath}; nothing changed")]
    private static partial void LogWriteFailed(ILogger logger, string configPath, Exception exception);

    [LoggerMessage(EventId = 1006, Level = LogLevel.Warning,
        Message = "Config file {ConfigPath} cannot be read ({Reason}); the last good config keeps serving")]
    private static partial void LogFileUnreadable(ILogger logger, string configPath, string reason);
}
