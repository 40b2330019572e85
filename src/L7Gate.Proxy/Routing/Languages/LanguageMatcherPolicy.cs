using L7Gate.Proxy.Diagnostics;
using L7Gate.Proxy.Routing.Vary;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Matching;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace L7Gate.Proxy.Routing.Languages;

/// <summary>
/// Route selection on Accept-Language (spec §5). The client's ranges are tried from highest q to
/// lowest (ties in header order, q=0 dropped); the first range that matches any candidate route
/// decides; the routes it matches compete on YARP Order (then the more specific tag); every other
/// language route, and the fallback sharing their path, is removed. With no header, a malformed or
/// oversized one, or no match, every language route is removed and the fallback (the route without
/// Languages) is left.
/// </summary>
/// <remarks>
/// Runs only at paths where some endpoint has <see cref="LanguageRouteMetadata"/>
/// (<see cref="AppliesToEndpoints"/>), after YARP's own header, query and path-parameter policies (all
/// below 0), so it sees which candidates those left: a route whose own criteria failed must neither
/// decide the language nor count as the fallback.
/// </remarks>
public sealed class LanguageMatcherPolicy : MatcherPolicy, IEndpointComparerPolicy, IEndpointSelectorPolicy
{
    private const int StackLimit = 64;
    private readonly ProxyMetrics _metrics;
    private readonly ILogger<LanguageMatcherPolicy> _logger;

    /// <summary>Creates the policy.</summary>
    public LanguageMatcherPolicy(ProxyMetrics metrics, ILogger<LanguageMatcherPolicy> logger)
    {
        _metrics = metrics;
        _logger = logger;
    }

    /// <inheritdoc/>
    public override int Order => 100;

    /// <inheritdoc/>
    public IComparer<Endpoint> Comparer { get; } = new LanguageMetadataComparer();

    /// <inheritdoc/>
    public bool AppliesToEndpoints(IReadOnlyList<Endpoint> endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        return ContainsDynamicEndpoints(endpoints)
            || endpoints.Any(static e => e.Metadata.GetMetadata<LanguageRouteMetadata>() is not null);
    }

    /// <inheritdoc/>
    public Task ApplyAsync(HttpContext httpContext, CandidateSet candidates)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        ArgumentNullException.ThrowIfNull(candidates);
        if (!HasLanguageCandidate(candidates))
        {
            return Task.CompletedTask;
        }

        if (CandidateNarrowing.DecisionMatters<LanguageRouteMetadata, Browsers.BrowserRouteMetadata>(candidates))
        {
            RoutingVaryFeature.Add(httpContext, RoutingVary.AcceptLanguage);
        }

        var header = Join(httpContext.Request.Headers.AcceptLanguage);
        Span<LanguageRange> ranges = stackalloc LanguageRange[AcceptLanguageParser.MaxRanges];
        var status = AcceptLanguageParser.Parse(header, ranges, out var count);
        if (status != AcceptLanguageParseStatus.Ok)
        {
            _metrics.MalformedHeader(HeaderNames.AcceptLanguage);
            RoutingLog.HeaderUnusable(_logger, HeaderNames.AcceptLanguage, status.ToString(), header?.Length ?? 0);
        }

        // q=0 ranges sort last: they are "not acceptable", never a choice (RFC 9110 §12.4.2).
        var acceptable = count;
        while (acceptable > 0 && ranges[acceptable - 1].Quality == 0)
        {
            acceptable--;
        }

        var excluded = ranges[acceptable..count];
        var deciding = FindDecidingRange(candidates, header, ranges[..acceptable], excluded);

        Span<int> scores = candidates.Count <= StackLimit ? stackalloc int[candidates.Count] : new int[candidates.Count];
        for (var i = 0; i < candidates.Count; i++)
        {
            var metadata = candidates[i].Endpoint.Metadata.GetMetadata<LanguageRouteMetadata>();
            scores[i] = !candidates.IsValidCandidate(i) ? CandidateNarrowing.Invalid
                : metadata is null ? CandidateNarrowing.Plain
                : deciding is { } range ? metadata.Match(header!, range, excluded)
                : CandidateNarrowing.NoMatch;
        }

        CandidateNarrowing.Apply(candidates, scores);
        return Task.CompletedTask;
    }

    private static LanguageRange? FindDecidingRange(
        CandidateSet candidates, string? header, ReadOnlySpan<LanguageRange> acceptable, ReadOnlySpan<LanguageRange> excluded)
    {
        foreach (var range in acceptable)
        {
            for (var i = 0; i < candidates.Count; i++)
            {
                if (candidates.IsValidCandidate(i)
                    && candidates[i].Endpoint.Metadata.GetMetadata<LanguageRouteMetadata>() is { } metadata
                    && metadata.Match(header!, range, excluded) >= 0)
                {
                    return range;
                }
            }
        }

        return null;
    }

    private static bool HasLanguageCandidate(CandidateSet candidates)
    {
        for (var i = 0; i < candidates.Count; i++)
        {
            if (candidates.IsValidCandidate(i) && candidates[i].Endpoint.Metadata.GetMetadata<LanguageRouteMetadata>() is not null)
            {
                return true;
            }
        }

        return false;
    }

    // Several Accept-Language lines mean the same as one comma-joined line (RFC 9110 §5.3).
    private static string? Join(StringValues values) => values.Count switch
    {
        0 => null,
        1 => values[0],
        _ => string.Join(',', values.ToArray()),
    };
}
