using Microsoft.Extensions.Logging;

namespace L7Gate.Proxy.Routing;

/// <summary>
/// Routing log messages. Event ids 2500–2599 (the routing slice of the proxy library's 2000–2999).
/// Per-request messages are Debug: their volume is in the client's hands.
/// </summary>
internal static partial class RoutingLog
{
    [LoggerMessage(EventId = 2500, Level = LogLevel.Debug,
        Message = "Ignoring {Header} header ({Reason}, {Length} chars); language/browser routes fall back")]
    public static partial void HeaderUnusable(ILogger logger, string header, string reason, int length);
}
