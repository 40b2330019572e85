using System.Buffers;
using System.Globalization;
using System.Text;

namespace L7Gate.Proxy.AccessLog;

/// <summary>
/// nginx's <c>combined</c>: <c>$remote_addr - $remote_user [$time_local] "$request" $status $body_bytes_sent
/// "$http_referer" "$http_user_agent"</c>. Time is UTC (<c>+0000</c>); quotes, backslashes and control bytes inside
/// quoted fields are written as <c>\xHH</c>, as nginx does, so a hostile User-Agent cannot forge fields.
/// Combined is an HTTP format: an L4 connection's line follows nginx <c>stream</c>'s documented <c>basic</c> layout
/// instead (<c>$remote_addr [$time_local] $protocol $status $bytes_sent $bytes_received $session_time</c>) with
/// L7Gate's fields after it, so HTTP log tools skip it rather than misread it.
/// </summary>
internal sealed class CombinedAccessLogFormatter : IAccessLogFormatter
{
    private readonly StringBuilder _line = new(256);
    private readonly Encoder _utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetEncoder();

    public void Write(AccessLogEntry entry, IBufferWriter<byte> output)
    {
        var b = _line.Clear();
        if (entry.IsStream)
        {
            AppendStream(b, entry);
            Encode(b, output);
            return;
        }

        b.Append(entry.ClientAddress is { } address ? AccessLogText.Address(address) : "-");
        b.Append(" - - [");
        b.Append(entry.Time.UtcDateTime.ToString("dd/MMM/yyyy:HH:mm:ss", CultureInfo.InvariantCulture)).Append(" +0000] \"");
        Escaped(b, entry.Method);
        b.Append(' ');
        Escaped(b, entry.Path.HasValue ? entry.Path.ToUriComponent() : "/");
        if (!string.IsNullOrEmpty(entry.Query))
        {
            Escaped(b, QueryRedactor.Redact(entry.Query));
        }

        b.Append(' ').Append(entry.Protocol).Append("\" ");
        b.Append(entry.Status.ToString(CultureInfo.InvariantCulture)).Append(' ');
        b.Append(entry.BytesOut.ToString(CultureInfo.InvariantCulture)).Append(" \"");
        Escaped(b, entry.Referer.Count > 0 ? entry.Referer.ToString() : "-");
        b.Append("\" \"");
        Escaped(b, entry.UserAgent.Count > 0 ? entry.UserAgent.ToString() : "-");
        b.Append('"');
        Encode(b, output);
    }

    /// <summary>
    /// <c>192.0.2.7:40000 [02/Dec/2026:11:00:00 +0000] TCP 200 5120 517 12.003 "apiserver" "k8s.example" "apiservers" "cp1" 1 client_closed</c>:
    /// client address:port, start time, protocol, nginx stream status, bytes sent to the client, bytes received from
    /// it, seconds, then listener, SNI, cluster, destination (quoted, "-" when none), connect attempts, end reason.
    /// </summary>
    private static void AppendStream(StringBuilder b, AccessLogEntry entry)
    {
        var invariant = CultureInfo.InvariantCulture;
        if (entry.ClientAddress is { } address)
        {
            var text = AccessLogText.Address(address);
            (text.Contains(':') ? b.Append('[').Append(text).Append(']') : b.Append(text)).Append(':').Append(entry.ClientPort.ToString(invariant));
        }
        else
        {
            b.Append('-');
        }

        b.Append(" [").Append(entry.Time.UtcDateTime.ToString("dd/MMM/yyyy:HH:mm:ss", invariant)).Append(" +0000] TCP ");
        b.Append(entry.Status.ToString(invariant)).Append(' ');
        b.Append(entry.BytesOut.ToString(invariant)).Append(' ');
        b.Append(entry.BytesIn.ToString(invariant)).Append(' ');
        b.Append(entry.Duration.TotalSeconds.ToString("0.000", invariant));
        foreach (var field in (ReadOnlySpan<string?>)[entry.Listener, entry.Sni, entry.ClusterId, entry.DestinationId])
        {
            b.Append(" \"");
            Escaped(b, field ?? "-");
            b.Append('"');
        }

        b.Append(' ').Append(entry.Attempts.ToString(invariant)).Append(' ').Append(entry.EndReason ?? "-");
    }

    private void Encode(StringBuilder b, IBufferWriter<byte> output)
    {
        // Chunk by chunk, with one encoder, so a surrogate pair split across chunks still encodes correctly.
        _utf8.Reset();
        foreach (var chunk in b.GetChunks())
        {
            var span = output.GetSpan(Encoding.UTF8.GetMaxByteCount(chunk.Length));
            output.Advance(_utf8.GetBytes(chunk.Span, span, flush: false));
        }

        var tail = output.GetSpan(8);
        output.Advance(_utf8.GetBytes(ReadOnlySpan<char>.Empty, tail, flush: true));
    }

    private static void Escaped(StringBuilder builder, string value)
    {
        foreach (var c in value)
        {
            if (c is '"' or '\\' || c < 0x20 || c == 0x7f)
            {
                builder.Append("\\x").Append(((int)c).ToString("X2", CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append(c);
            }
        }
    }
}
