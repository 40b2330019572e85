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
public sealed class LanguageMatcherPolicy : NarrowingMatcherPolicy<LanguageRouteMetadata>
{
    private readonly ProxyMetrics _metrics;
    private readonly ILogger<LanguageMatcherPolicy> _logger;

    /// <summary>Creates the policy.</summary>
    public LanguageMatcherPolicy(ProxyMetrics metrics, ILogger<LanguageMatcherPolicy> logger)
        : base(RoutingPolicyKind.Language, RoutingVary.AcceptLanguage, new LanguageMetadataComparer())
    {
        _metrics = metrics;
        _logger = logger;
    }

    /// <inheritdoc/>
    public override int Order => 100;

    private protected override void Select(HttpContext httpContext, CandidateSet candidates, ReadOnlySpan<RouteFacts?> facts)
    {
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
        var deciding = FindDecidingRange(facts, header, ranges[..acceptable], excluded);

        Span<int> scores = facts.Length <= StackLimit ? stackalloc int[facts.Length] : new int[facts.Length];
        for (var i = 0; i < facts.Length; i++)
        {
            scores[i] = facts[i] is not { } f ? CandidateNarrowing.Invalid
                : f.Languages is not { } languages ? CandidateNarrowing.Plain
                : deciding is { } range ? languages.Match(header!, range, excluded)
                : CandidateNarrowing.NoMatch;
        }

        CandidateNarrowing.Apply(candidates, facts, scores);
    }

    private static LanguageRange? FindDecidingRange(
        ReadOnlySpan<RouteFacts?> facts, string? header, ReadOnlySpan<LanguageRange> acceptable, ReadOnlySpan<LanguageRange> excluded)
    {
        foreach (var range in acceptable)
        {
            foreach (var f in facts)
            {
                if (f?.Languages is { } languages && languages.Match(header!, range, excluded) >= 0)
                {
                    return range;
                }
            }
        }

        return null;
    }

    // Several Accept-Language lines mean the same as one comma-joined line (RFC 9110 §5.3).
    private static string? Join(StringValues values) => values.Count switch
    {
        0 => null,
        1 => values[0],
        _ => string.Join(',', values.ToArray()),
    };
}
