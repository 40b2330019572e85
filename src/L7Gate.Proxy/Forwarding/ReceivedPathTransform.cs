using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Yarp.ReverseProxy.Transforms;

namespace L7Gate.Proxy.Forwarding;

/// <summary>
/// Forwards the path as the client encoded it. Kestrel leaves <c>%2F</c> encoded in <c>Request.Path</c> (a decoded
/// '/' would change the path's segments), and YARP then escapes its '%', so <c>/a%2Fb</c> reached the backend as
/// <c>/a%252Fb</c>. nginx passes the request URI as received when <c>proxy_pass</c> has no URI part; so does this
/// transform, but only when the path was not rewritten by a route transform and the raw form decodes to exactly
/// the path that was routed (no dot segments that Kestrel removed, no other normalisation): a backend must never
/// see a path other than the one the gateway routed on.
/// </summary>
internal sealed partial class ReceivedPathTransform : RequestTransform
{
    public override ValueTask ApplyAsync(RequestTransformContext context)
    {
        var request = context.HttpContext.Request;
        if (context.Path != request.Path || request.PathBase.HasValue || context.ProxyRequest.RequestUri is not null)
        {
            return ValueTask.CompletedTask;
        }

        var rawPath = RawPath(context.HttpContext.Features.Get<IHttpRequestFeature>()?.RawTarget);
        if (rawPath is null || !rawPath.Contains('%') || !DecodesTo(rawPath, request.Path.Value ?? string.Empty))
        {
            return ValueTask.CompletedTask;
        }

        var prefix = context.DestinationPrefix;
        var address = new StringBuilder(prefix.Length + rawPath.Length + 16);
        address.Append(prefix.EndsWith('/') ? prefix.AsSpan(0, prefix.Length - 1) : prefix);
        address.Append(rawPath);
        address.Append(context.Query.QueryString.Value);
        context.ProxyRequest.RequestUri = new Uri(address.ToString(), new UriCreationOptions { DangerousDisablePathAndQueryCanonicalization = true });
        return ValueTask.CompletedTask;
    }

    /// <summary>The path part of an origin-form request target ("/a%2Fb?x=1" → "/a%2Fb"); null for other forms.</summary>
    internal static string? RawPath(string? rawTarget)
    {
        if (string.IsNullOrEmpty(rawTarget) || rawTarget[0] != '/')
        {
            return null;
        }

        var query = rawTarget.IndexOf('?');
        return query < 0 ? rawTarget : rawTarget[..query];
    }

    /// <summary>True when percent-decoding <paramref name="rawPath"/> except its <c>%2F</c> (as Kestrel does) gives <paramref name="routedPath"/>.</summary>
    internal static bool DecodesTo(string rawPath, string routedPath)
    {
        var decoded = new StringBuilder(rawPath.Length);
        foreach (var part in EncodedSlash().Split(rawPath))
        {
            decoded.Append(part.Length == 3 && part[0] == '%' ? part : Uri.UnescapeDataString(part));
        }

        return string.Equals(decoded.ToString(), routedPath, StringComparison.Ordinal);
    }

    [GeneratedRegex("(%2[fF])")]
    private static partial Regex EncodedSlash();
}
