using System.Buffers;
using System.Globalization;
using System.Text;

namespace L7Gate.Proxy.AccessLog;

/// <summary>
/// nginx's <c>combined</c>: <c>$remote_addr - $remote_user [$time_local] "$request" $status $body_bytes_sent
/// "$http_referer" "$http_user_agent"</c>. Time is UTC (<c>+0000</c>); quotes, backslashes and control bytes inside
/// quoted fields are written as <c>\xHH</c>, as nginx does, so a hostile User-Agent cannot forge fields.
/// </summary>
internal sealed class CombinedAccessLogFormatter : IAccessLogFormatter
{
    private readonly StringBuilder _line = new(256);
    private readonly Encoder _utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetEncoder();

    public void Write(AccessLogEntry entry, IBufferWriter<byte> output)
    {
        var b = _line.Clear();
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
