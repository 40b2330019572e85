using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;
using Yarp.ReverseProxy.Transforms;

namespace L7Gate.Proxy.Routing.Vary;

/// <summary>
/// Merges the headers recorded in <see cref="RoutingVaryFeature"/> into the response's <c>Vary</c>,
/// after YARP copied the backend's headers: the backend's own Vary tokens are kept, none is
/// duplicated, and <c>Vary: *</c> is left alone (it already varies on everything).
/// Costs one feature lookup on requests no language/browser route was a candidate for.
/// </summary>
internal sealed class RoutingVaryTransform : ResponseTransform
{
    public static readonly RoutingVaryTransform Instance = new();

    public override ValueTask ApplyAsync(ResponseTransformContext context)
    {
        var feature = context.HttpContext.Features.Get<RoutingVaryFeature>();
        if (feature is { Tokens.Count: > 0 })
        {
            var headers = context.HttpContext.Response.Headers;
            if (headers.Vary.Count == 0)
            {
                // The usual case: the backend sent no Vary, so nothing to merge or allocate.
                headers.Vary = feature.Value;
            }
            else
            {
                Merge(headers, feature.Tokens);
            }
        }

        return ValueTask.CompletedTask;
    }

    internal static void Merge(IHeaderDictionary headers, IReadOnlyList<string> tokens)
    {
        var existing = headers[HeaderNames.Vary];
        var present = new List<string>();
        foreach (var value in existing)
        {
            foreach (var token in (value ?? string.Empty).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                if (token == "*")
                {
                    return;
                }

                present.Add(token);
            }
        }

        var missing = tokens.Where(t => !present.Contains(t, StringComparer.OrdinalIgnoreCase)).ToList();
        if (missing.Count == 0)
        {
            return;
        }

        present.AddRange(missing);
        headers[HeaderNames.Vary] = new StringValues(string.Join(", ", present));
    }
}
