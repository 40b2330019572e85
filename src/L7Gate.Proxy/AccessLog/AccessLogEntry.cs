using System.Diagnostics;
using System.Net;
using System.Security.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace L7Gate.Proxy.AccessLog;

/// <summary>
/// One request's access-log facts, captured by reference on the request path (no formatting there) and formatted by
/// the background writer. Pooled: the writer hands it back once the line is written, together with the counting
/// body wrappers it owns, so a logged request allocates nothing of its own in steady state.
/// </summary>
internal sealed class AccessLogEntry
{
    public CountingResponseBody ResponseBody { get; } = new();

    public CountingRequestBody RequestBody { get; } = new();

    public DateTimeOffset Time { get; set; }

    public long StartTimestamp { get; set; }

    public IPAddress? ClientAddress { get; set; }

    public int ClientPort { get; set; }

    public string Method { get; set; } = string.Empty;

    public StringValues Host { get; set; }

    public PathString Path { get; set; }

    public string? Query { get; set; }

    public string Protocol { get; set; } = string.Empty;

    public int Status { get; set; }

    public long BytesIn { get; set; }

    public long BytesOut { get; set; }

    public TimeSpan Duration { get; set; }

    /// <summary>Time from the start of the request to the backend's response headers (last attempt); null when none came.</summary>
    public TimeSpan? BackendFirstByte { get; set; }

    public string? RouteId { get; set; }

    public string? ClusterId { get; set; }

    public string? DestinationId { get; set; }

    /// <summary>Attempts sent to destinations (more than 1 after retries); 0 when none was (refused, no destination).</summary>
    public int Attempts { get; set; }

    public int? BackendStatus { get; set; }

    public ActivityTraceId TraceId { get; set; }

    public SslProtocols TlsProtocol { get; set; }

    public string? Sni { get; set; }

    public StringValues UserAgent { get; set; }

    public StringValues Referer { get; set; }

    /// <summary>Set for an L4 connection's line (README "Streams", the L4 log line): the Streams listener's name.</summary>
    public string? Listener { get; set; }

    /// <summary>L4 only: why the connection ended (<see cref="Streams.StreamEndReason"/>).</summary>
    public string? EndReason { get; set; }

    /// <summary>True for an L4 connection's line, false for an HTTP request's.</summary>
    public bool IsStream => Listener is not null;

    /// <summary>Clears every field for reuse.</summary>
    public void Reset()
    {
        ResponseBody.Detach();
        RequestBody.Detach();
        ClientAddress = null;
        Method = string.Empty;
        Host = default;
        Path = default;
        Query = null;
        Protocol = string.Empty;
        Status = 0;
        BytesIn = 0;
        BytesOut = 0;
        BackendFirstByte = null;
        RouteId = null;
        ClusterId = null;
        DestinationId = null;
        Attempts = 0;
        BackendStatus = null;
        TraceId = default;
        TlsProtocol = SslProtocols.None;
        Sni = null;
        UserAgent = default;
        Referer = default;
        Listener = null;
        EndReason = null;
    }
}
