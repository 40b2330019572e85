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
public sealed class BrowserMatcherPolicy : MatcherPolicy, IEndpointComparerPolicy, IEndpointSelectorPolicy
{
    private const int StackLimit = 64;
    private readonly BrowserClassifier _classifier;
    private readonly ProxyMetrics _metrics;
    private readonly ILogger<BrowserMatcherPolicy> _logger;

    /// <summary>Creates the policy.</summary>
    public BrowserMatcherPolicy(BrowserClassifier classifier, ProxyMetrics metrics, ILogger<BrowserMatcherPolicy> logger)
    {
        _classifier = classifier;
        _metrics = metrics;
        _logger = logger;
    }

    /// <inheritdoc/>
    public override int Order => 101;

    /// <inheritdoc/>
    public IComparer<Endpoint> Comparer { get; } = new BrowserMetadataComparer();

    /// <inheritdoc/>
    public bool AppliesToEndpoints(IReadOnlyList<Endpoint> endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        return ContainsDynamicEndpoints(endpoints)
            || endpoints.Any(static e => e.Metadata.GetMetadata<BrowserRouteMetadata>() is not null);
    }

    /// <inheritdoc/>
    public Task ApplyAsync(HttpContext httpContext, CandidateSet candidates)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        ArgumentNullException.ThrowIfNull(candidates);
        if (!HasBrowserCandidate(candidates))
        {
            return Task.CompletedTask;
        }

        if (CandidateNarrowing.DecisionMatters<BrowserRouteMetadata, Languages.LanguageRouteMetadata>(candidates))
        {
            RoutingVaryFeature.Add(httpContext, RoutingVary.UserAgent);
        }
        var headers = httpContext.Request.Headers;
        var classification = _classifier.Classify(
            Single(headers.UserAgent), Single(headers["Sec-CH-UA"]), Single(headers["Sec-CH-UA-Mobile"]));
        if (classification.Ignored != ClientHeaders.None)
        {
            Count(classification.Ignored, headers);
        }

        Span<int> scores = candidates.Count <= StackLimit ? stackalloc int[candidates.Count] : new int[candidates.Count];
        for (var i = 0; i < candidates.Count; i++)
        {
            var metadata = candidates[i].Endpoint.Metadata.GetMetadata<BrowserRouteMetadata>();
            scores[i] = !candidates.IsValidCandidate(i) ? CandidateNarrowing.Invalid
                : metadata is null ? CandidateNarrowing.Plain
                : metadata.Match(classification.Class);
        }

        CandidateNarrowing.Apply(candidates, scores);
        return Task.CompletedTask;
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

    // A repeated User-Agent or hint line has no defined meaning; use the first and let the rules cope.
    private static string? Single(Microsoft.Extensions.Primitives.StringValues values) => values.Count == 0 ? null : values[0];

    private static bool HasBrowserCandidate(CandidateSet candidates)
    {
        for (var i = 0; i < candidates.Count; i++)
        {
            if (candidates.IsValidCandidate(i) && candidates[i].Endpoint.Metadata.GetMetadata<BrowserRouteMetadata>() is not null)
            {
                return true;
            }
        }

        return false;
    }
}
