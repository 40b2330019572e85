using Microsoft.Extensions.Logging;

namespace L7Gate.Proxy.Streams;

/// <summary>L4 listener log messages; event ids 2700–2789 (the proxy library's range; Warmup uses 2790+), stable once shipped.</summary>
internal static partial class StreamsLog
{
    [LoggerMessage(EventId = 2700, Level = LogLevel.Information, Message = "Streams listener {Listener}: bound {Endpoint}")]
    public static partial void Bound(ILogger logger, string listener, string endpoint);

    [LoggerMessage(EventId = 2701, Level = LogLevel.Debug, Message = "Streams listener {Listener}: {Client} -> cluster {ClusterId} destination {DestinationId} ({Address})")]
    public static partial void Connected(ILogger logger, string listener, string client, string clusterId, string destinationId, string address);

    [LoggerMessage(EventId = 2702, Level = LogLevel.Warning, Message = "Streams listener {Listener}: connect to cluster {ClusterId} destination {DestinationId} ({Address}) failed: {Reason}; trying the next one")]
    public static partial void ConnectFailed(ILogger logger, string listener, string clusterId, string destinationId, string address, string reason);

    [LoggerMessage(EventId = 2703, Level = LogLevel.Warning, Message = "Streams listener {Listener}: connection from {Client} refused ({Reason}), cluster {ClusterId}")]
    public static partial void Refused(ILogger logger, string listener, string client, string reason, string clusterId);

    [LoggerMessage(EventId = 2704, Level = LogLevel.Information, Message = "Streams listener {Listener}: connection from {Client} closed: {Kind} is malformed ({Reason})")]
    public static partial void Malformed(ILogger logger, string listener, string client, string kind, string reason);

    [LoggerMessage(EventId = 2705, Level = LogLevel.Debug, Message = "Streams listener {Listener}: connection from {Client} to cluster {ClusterId} destination {DestinationId} closed ({Why}) after {Duration}")]
    public static partial void Closed(ILogger logger, string listener, string client, string clusterId, string destinationId, string why, TimeSpan duration);

    [LoggerMessage(EventId = 2706, Level = LogLevel.Information, Message = "Streams: the proxy's Urls {Urls} are bound as Kestrel endpoints next to the L4 listeners")]
    public static partial void UrlsTakenOver(ILogger logger, string urls);
}
