namespace L7Gate.Configuration;

/// <summary>One problem in a candidate config: the key path (colon-separated, as in IConfiguration) and what is wrong.</summary>
public sealed record ConfigError(string Path, string Message);

/// <summary>A generation and the exact config file text it serves, read together (never one from another apply).</summary>
public sealed record ConfigSnapshot(long Generation, string Json);

/// <summary>The outcome of <see cref="IGatewayConfig.ApplyAsync"/>: the errors, or the generation this write became.</summary>
public sealed record ConfigApplyResult(IReadOnlyList<ConfigError> Errors, long Generation);

/// <summary>
/// The lifecycle of the whole L7Gate config file (ReverseProxy, Failover, Admin, Telemetry sections):
/// validate a candidate, apply it whole or not at all, and remember the last good one.
/// Used by the file watcher and by the admin API.
/// </summary>
public interface IGatewayConfig
{
    /// <summary>Path of the config file being served and watched.</summary>
    string ConfigPath { get; }

    /// <summary>Incremented each time a candidate config is applied.</summary>
    long Generation { get; }

    /// <summary>The errors of the last rejected candidate, or empty once a later candidate applied.</summary>
    IReadOnlyList<ConfigError> LastErrors { get; }

    /// <summary>When the last candidate was rejected, if ever.</summary>
    DateTimeOffset? LastErrorAt { get; }

    /// <summary>
    /// Startup-only keys (listeners, <c>Failover</c>, telemetry pipeline, <c>Demo</c>) whose value in the applied
    /// config differs from what the process started with: applied at the next restart. Empty when none.
    /// </summary>
    IReadOnlyList<string> PendingRestart { get; }

    /// <summary>The JSON text of the config being served.</summary>
    string CurrentJson { get; }

    /// <summary>The generation being served and its JSON text, published together by each apply.</summary>
    ConfigSnapshot Current { get; }

    /// <summary>Dry run: every error of a candidate config file's JSON text; empty when it would apply.</summary>
    IReadOnlyList<ConfigError> Validate(string json);

    /// <summary>
    /// Validate, write the file atomically (temp file + rename), apply; on any error nothing changes. Writes and
    /// file reloads are serialised: the returned generation is exactly this write's content, and a reload never
    /// applies a file read before this write landed.
    /// </summary>
    Task<ConfigApplyResult> ApplyAsync(string json, CancellationToken cancellationToken);
}
