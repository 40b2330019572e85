using Microsoft.Extensions.Logging;

namespace L7Gate.Admin;

/// <summary>Admin API log messages; event ids 4000–4499 (the admin team's range is 4000–4999, telemetry uses 4500+).</summary>
internal static partial class AdminLog
{
    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "Admin API listening on {Url}")]
    public static partial void Listening(ILogger logger, string url);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Information,
        Message = "The host server has no network listeners (in-memory test server): the admin API is served on the main pipeline")]
    public static partial void InMemoryServer(ILogger logger);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Information, Message = "Admin API listener stopped")]
    public static partial void Stopped(ILogger logger);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Critical,
        Message = "Admin API listener could not bind {Urls}: {Reason}. Change Admin:Urls or stop what holds the port")]
    public static partial void BindFailed(ILogger logger, string urls, string reason);

    [LoggerMessage(EventId = 4010, Level = LogLevel.Warning,
        Message = "Admin request {Method} {Path} from {RemoteAddress} rejected: {Reason}")]
    public static partial void Rejected(ILogger logger, string method, string path, string? remoteAddress, string reason);

    [LoggerMessage(EventId = 4020, Level = LogLevel.Information,
        Message = "Admin API: cluster {ClusterId} destination {DestinationId} set to {State} by {RemoteAddress}")]
    public static partial void DestinationStateSet(ILogger logger, string clusterId, string destinationId, string state, string? remoteAddress);

    [LoggerMessage(EventId = 4030, Level = LogLevel.Information,
        Message = "Admin API: config written to {Path} and applied, generation {Generation}")]
    public static partial void ConfigApplied(ILogger logger, string path, long generation);

    [LoggerMessage(EventId = 4031, Level = LogLevel.Warning,
        Message = "Admin API: posted config rejected with {ErrorCount} errors, first: {FirstPath}: {FirstMessage}")]
    public static partial void ConfigRejected(ILogger logger, int errorCount, string firstPath, string firstMessage);

    [LoggerMessage(EventId = 4032, Level = LogLevel.Error, Message = "Admin API: config could not be written or applied")]
    public static partial void ConfigApplyFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 4033, Level = LogLevel.Error,
        Message = "Admin API: valid config not applied to {Path}: {Reason}; the previous config is still served")]
    public static partial void ConfigNotApplied(ILogger logger, string path, string reason);

    [LoggerMessage(EventId = 4040, Level = LogLevel.Information,
        Message = "Admin API: failover instance {Instance} maintenance {Action} by {RemoteAddress}")]
    public static partial void Maintenance(ILogger logger, string instance, string action, string? remoteAddress);
}
