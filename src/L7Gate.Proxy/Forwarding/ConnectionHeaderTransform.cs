using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using Yarp.ReverseProxy.Transforms;

namespace L7Gate.Proxy.Forwarding;

/// <summary>
/// Removes the headers the client named in its <c>Connection</c> header (RFC 9110 §7.6.1: they are hop-by-hop and
/// a proxy must not forward them). YARP drops the standard hop-by-hop headers but not the ones a client names.
/// Runs before every other request transform, so a client cannot name a header the gateway itself adds
/// (<c>Connection: X-Forwarded-For</c>) to strip it. Headers that frame or route the message (Host,
/// Content-Length, Transfer-Encoding, Upgrade) are left to Kestrel and YARP, which handle them themselves.
/// Limitation: when a Connection header line's tokens amount to exactly one of <c>close</c>, <c>keep-alive</c> or
/// <c>upgrade</c> plus names (<c>Connection: close, X-Secret</c>), Kestrel replaces the whole value with its interned
/// <c>close</c>/<c>keep-alive</c> before the application sees it, so the names are gone and cannot be removed here
/// (see the README, "Forward what was received").
/// </summary>
internal sealed class ConnectionHeaderTransform : RequestTransform
{
    private static readonly HashSet<string> Kept = new(StringComparer.OrdinalIgnoreCase)
    {
        HeaderNames.Host, HeaderNames.ContentLength, HeaderNames.TransferEncoding, HeaderNames.Upgrade,
    };

    public override ValueTask ApplyAsync(RequestTransformContext context)
    {
        var connection = context.HttpContext.Request.Headers.Connection;
        if (connection.Count == 0)
        {
            return ValueTask.CompletedTask;
        }

        foreach (var value in connection)
        {
            foreach (var token in (value ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (Kept.Contains(token))
                {
                    continue;
                }

                // Before YARP copies the request headers (after the transforms) only the incoming request has them:
                // dropping them there is what keeps them out of the copy.
                RemoveHeader(context, token);
                if (!context.HeadersCopied)
                {
                    context.HttpContext.Request.Headers.Remove(token);
                }
            }
        }

        return ValueTask.CompletedTask;
    }
}
