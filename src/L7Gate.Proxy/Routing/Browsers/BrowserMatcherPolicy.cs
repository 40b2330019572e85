using L7Gate.Proxy.Diagnostics;
using L7Gate.Proxy.Routing.Vary;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Matching;
using Microsoft.Extensions.Logging;
using Microsoft.Net.Http.Headers;

namespace L7Gate.Proxy.Routing.Browsers;

/// <summary>
/// Route selection on the client's browser (spec §5). Routes whose Browsers include the client's
/// family or class compete on YARP Order (at equal Order a family match beats a class-only match);
/// the others, and the fallback sharing their path, are removed. When none matches, the fallback
/// (the route without Browsers) is left.
/// </summary>
/// <remarks>
/// Runs after the language policy: where a route with Languages and one with Browsers share a path,
/// language is decided first. Runs only where some endpoint has <see cref="BrowserRouteMetadata"/>.
/// </remarks>
public sealed class BrowserMatcherPolicy : NarrowingMatcherPolicy<BrowserRouteMetadata>
{
    private readonly BrowserClassifier _classifier;
    private readonly ProxyMetrics _metrics;
    private readonly ILogger<BrowserMatcherPolicy> _logger;

    /// <summary>Creates the policy.</summary>
    public BrowserMatcherPolicy(BrowserClassifier classifier, ProxyMetrics metrics, ILogger<BrowserMatcherPolicy> logger)
        : base(RoutingPolicyKind.Browser, RoutingVary.UserAgent, new BrowserMetadataComparer())
    {
        _classifier = classifier;
        _metrics = metrics;
        _logger = logger;
    }

    /// <inheritdoc/>
    public override int Order => 101;

    private protected override void Select(HttpContext httpContext, CandidateSet candidates, ReadOnlySpan<RouteFacts?> facts)
    {
        // Classified once per request: the DFA's browser jump table may have done it already.
        var classification = BrowserClassificationFeature.Get(httpContext, _classifier);
        if (classification.Ignored != ClientHeaders.None)
        {
            Count(classification.Ignored, httpContext.Request.Headers);
        }

        Span<int> scores = facts.Length <= StackLimit ? stackalloc int[facts.Length] : new int[facts.Length];
        for (var i = 0; i < facts.Length; i++)
        {
            scores[i] = facts[i] is not { } f ? CandidateNarrowing.Invalid
                : f.Browsers is not { } browsers ? CandidateNarrowing.Plain
                : browsers.Match(classification.Class);
        }

        CandidateNarrowing.Apply(candidates, facts, scores);
    }

    private void Count(ClientHeaders ignored, IHeaderDictionary headers)
    {
        if (ignored.HasFlag(ClientHeaders.UserAgent))
        {
            _metrics.MalformedHeader(HeaderNames.UserAgent);
            RoutingLog.HeaderUnusable(_logger, HeaderNames.UserAgent, "oversized", headers.UserAgent.ToString().Length);
        }

        if (ignored.HasFlag(ClientHeaders.SecChUa))
        {
            _metrics.MalformedHeader("Sec-CH-UA");
            RoutingLog.HeaderUnusable(_logger, "Sec-CH-UA", "malformed", headers["Sec-CH-UA"].ToString().Length);
        }

        if (ignored.HasFlag(ClientHeaders.SecChUaMobile))
        {
            _metrics.MalformedHeader("Sec-CH-UA-Mobile");
            RoutingLog.HeaderUnusable(_logger, "Sec-CH-UA-Mobile", "malformed", headers["Sec-CH-UA-Mobile"].ToString().Length);
        }
    }
}
