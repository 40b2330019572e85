using System.Buffers;
using System.Security.Authentication;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace L7Gate.Proxy.AccessLog;

/// <summary>
/// One JSON object per line, every field always present (null when it does not apply), written with a reused
/// <see cref="Utf8JsonWriter"/>. Field names are documented in the README section "Access log".
/// </summary>
internal sealed class JsonAccessLogFormatter : IAccessLogFormatter
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };

    private Utf8JsonWriter? _writer;

    public void Write(AccessLogEntry entry, IBufferWriter<byte> output)
    {
        var w = _writer ??= new Utf8JsonWriter(output, WriterOptions);
        w.Reset(output);
        if (entry.IsStream)
        {
            WriteStream(w, entry);
            return;
        }

        w.WriteStartObject();
        w.WriteString("time", entry.Time);
        WriteClient(w, entry);
        w.WriteString("method", entry.Method);
        WriteOrNull(w, "host", entry.Host.Count > 0 ? entry.Host.ToString() : null);
        w.WriteString("path", entry.Path.HasValue ? entry.Path.ToUriComponent() : "/");
        WriteOrNull(w, "query", string.IsNullOrEmpty(entry.Query) ? null : QueryRedactor.Redact(entry.Query.TrimStart('?')));
        w.WriteString("protocol", entry.Protocol);
        w.WriteNumber("status", entry.Status);
        w.WriteNumber("bytes_in", entry.BytesIn);
        w.WriteNumber("bytes_out", entry.BytesOut);
        w.WriteNumber("duration_ms", Math.Round(entry.Duration.TotalMilliseconds, 3));
        if (entry.BackendFirstByte is { } firstByte)
        {
            w.WriteNumber("backend_ttfb_ms", Math.Round(firstByte.TotalMilliseconds, 3));
        }
        else
        {
            w.WriteNull("backend_ttfb_ms");
        }

        WriteOrNull(w, "route", entry.RouteId);
        WriteOrNull(w, "cluster", entry.ClusterId);
        WriteOrNull(w, "destination", entry.DestinationId);
        w.WriteNumber("attempts", entry.Attempts);
        if (entry.BackendStatus is { } backendStatus)
        {
            w.WriteNumber("backend_status", backendStatus);
        }
        else
        {
            w.WriteNull("backend_status");
        }

        WriteOrNull(w, "trace_id", entry.TraceId == default ? null : entry.TraceId.ToHexString());
        WriteOrNull(w, "tls_protocol", entry.TlsProtocol == SslProtocols.None ? null : AccessLogText.Tls(entry.TlsProtocol));
        WriteOrNull(w, "sni", entry.Sni);
        WriteOrNull(w, "user_agent", entry.UserAgent.Count > 0 ? entry.UserAgent.ToString() : null);
        WriteOrNull(w, "referer", entry.Referer.Count > 0 ? entry.Referer.ToString() : null);
        w.WriteEndObject();
        w.Flush();
    }

    /// <summary>An L4 connection: its own field set (no HTTP fields), <c>protocol</c> "TCP" tells it apart.</summary>
    private static void WriteStream(Utf8JsonWriter w, AccessLogEntry entry)
    {
        w.WriteStartObject();
        w.WriteString("time", entry.Time);
        WriteClient(w, entry);
        w.WriteString("protocol", "TCP");
        w.WriteString("listener", entry.Listener);
        WriteOrNull(w, "sni", entry.Sni);
        WriteOrNull(w, "cluster", entry.ClusterId);
        WriteOrNull(w, "destination", entry.DestinationId);
        w.WriteNumber("status", entry.Status);
        w.WriteNumber("bytes_in", entry.BytesIn);
        w.WriteNumber("bytes_out", entry.BytesOut);
        w.WriteNumber("duration_ms", Math.Round(entry.Duration.TotalMilliseconds, 3));
        w.WriteNumber("attempts", entry.Attempts);
        WriteOrNull(w, "end", entry.EndReason);
        w.WriteEndObject();
        w.Flush();
    }

    private static void WriteClient(Utf8JsonWriter w, AccessLogEntry entry)
    {
        if (entry.ClientAddress is { } address)
        {
            w.WriteString("client_ip", AccessLogText.Address(address));
            w.WriteNumber("client_port", entry.ClientPort);
        }
        else
        {
            w.WriteNull("client_ip");
            w.WriteNull("client_port");
        }
    }

    private static void WriteOrNull(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is null)
        {
            writer.WriteNull(name);
        }
        else
        {
            writer.WriteString(name, value);
        }
    }
}
