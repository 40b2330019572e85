using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace L7Gate.Proxy.Routing.Browsers;

/// <summary>
/// The request's browser classification, computed once (by the DFA's browser jump table or, where the node
/// was not split, by <see cref="BrowserMatcherPolicy"/>) and kept on the request's features so that no step
/// classifies twice.
/// </summary>
public sealed class BrowserClassificationFeature
{
    private BrowserClassificationFeature(BrowserClassification classification) => Classification = classification;

    /// <summary>The classification of this request's User-Agent and client hints.</summary>
    public BrowserClassification Classification { get; }

    /// <summary>The request's classification, classifying it (through the classifier's cache) on first use.</summary>
    public static BrowserClassification Get(HttpContext httpContext, BrowserClassifier classifier)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        ArgumentNullException.ThrowIfNull(classifier);
        if (httpContext.Features.Get<BrowserClassificationFeature>() is { } known)
        {
            return known.Classification;
        }

        var headers = httpContext.Request.Headers;
        var classification = classifier.Classify(
            Single(headers.UserAgent), Single(headers["Sec-CH-UA"]), Single(headers["Sec-CH-UA-Mobile"]));
        httpContext.Features.Set(new BrowserClassificationFeature(classification));
        return classification;
    }

    // A repeated User-Agent or hint line has no defined meaning; use the first and let the rules cope.
    private static string? Single(StringValues values) => values.Count == 0 ? null : values[0];
}
