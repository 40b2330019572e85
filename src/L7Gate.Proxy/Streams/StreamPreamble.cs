using System.Buffers;
using System.IO.Pipelines;
using L7Gate.Proxy.Streams.ProxyProtocol;
using L7Gate.Proxy.Streams.Tls;

namespace L7Gate.Proxy.Streams;

/// <summary>
/// Reads what comes before the relayed bytes: a PROXY header from a balancer in front (consumed), and the TLS
/// ClientHello (peeked, left in the pipe so the backend gets it unchanged). Bounded in bytes by the parsers and in
/// time by the caller's token.
/// </summary>
internal static class StreamPreamble
{
    /// <summary>How long a client may take to send its PROXY header and ClientHello (nginx <c>preread_timeout</c>, HAProxy <c>tcp-request inspect-delay</c>). 10 s.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    /// <summary>Reads and consumes a PROXY header; null with a reason when there is none or it is broken.</summary>
    public static async Task<(ProxyProtocolHeader? Header, string? Reason)> ReadProxyHeaderAsync(PipeReader input, CancellationToken cancellationToken)
    {
        while (true)
        {
            var result = await input.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = result.Buffer;
            var bytes = Bounded(buffer, ProxyProtocolParser.MaxV2Length);
            var status = ProxyProtocolParser.TryParse(bytes, out var header, out var consumed, out var reason);
            if (status == ProxyProtocolParseStatus.Complete)
            {
                input.AdvanceTo(buffer.GetPosition(consumed));
                return (header, null);
            }

            if (status == ProxyProtocolParseStatus.Malformed)
            {
                input.AdvanceTo(buffer.Start, buffer.End);
                return (null, reason);
            }

            input.AdvanceTo(buffer.Start, buffer.End);
            if (result.IsCompleted)
            {
                return (null, "connection closed before the header was complete");
            }
        }
    }

    /// <summary>
    /// Peeks at the ClientHello: the SNI name (null when absent or not TLS), or a reason when it is malformed.
    /// The bytes stay unread in <paramref name="input"/>.
    /// </summary>
    public static async Task<(string? ServerName, string? Reason)> PeekServerNameAsync(PipeReader input, CancellationToken cancellationToken)
    {
        while (true)
        {
            var result = await input.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = result.Buffer;
            var status = ClientHelloParser.TryParse(Bounded(buffer, ClientHelloParser.MaxHandshakeBytes + 64), out var serverName, out var reason);
            if (status == ClientHelloParseStatus.NeedMoreData && !result.IsCompleted)
            {
                input.AdvanceTo(buffer.Start, buffer.End);
                continue;
            }

            input.AdvanceTo(buffer.Start);
            return status switch
            {
                ClientHelloParseStatus.Complete => (serverName, null),
                ClientHelloParseStatus.NotTls => (null, null),
                ClientHelloParseStatus.NeedMoreData => (null, null),
                _ => (null, reason),
            };
        }
    }

    private static ReadOnlySpan<byte> Bounded(ReadOnlySequence<byte> buffer, int max)
    {
        var slice = buffer.Length > max ? buffer.Slice(0, max) : buffer;
        return slice.IsSingleSegment ? slice.FirstSpan : slice.ToArray();
    }
}
