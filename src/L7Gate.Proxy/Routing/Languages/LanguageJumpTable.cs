using System.Collections.Frozen;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing.Matching;
using Microsoft.Extensions.Primitives;

namespace L7Gate.Proxy.Routing.Languages;

/// <summary>
/// Per request: the DFA edge of the first acceptable client range that matches a route tag (or a <c>*</c>
/// route), found by dictionary lookups of the range and its shorter prefixes.
/// </summary>
internal sealed class LanguageJumpTable : PolicyJumpTable
{
    private readonly FrozenDictionary<string, int> _byTag;
    private readonly FrozenDictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _bySpan;
    private readonly int _wildcardRoutes;
    private readonly int _none;
    private readonly int _all;

    /// <param name="byTag">Route tag to the edge of the routes a range with that longest prefix matches.</param>
    /// <param name="wildcardRoutes">Edge of the <c>*</c> routes alone, or -1 when no route has <c>*</c>.</param>
    /// <param name="none">Edge for no acceptable range matching: the fallback.</param>
    /// <param name="all">Edge with every route: the selector policy decides.</param>
    public LanguageJumpTable(IDictionary<string, int> byTag, int wildcardRoutes, int none, int all)
    {
        _byTag = byTag.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
        _bySpan = _byTag.GetAlternateLookup<ReadOnlySpan<char>>();
        _wildcardRoutes = wildcardRoutes;
        _none = none;
        _all = all;
    }

    /// <inheritdoc/>
    public override int GetDestination(HttpContext httpContext)
    {
        var header = Join(httpContext.Request.Headers.AcceptLanguage);
        if (header is null)
        {
            return _none;
        }

        Span<LanguageRange> ranges = stackalloc LanguageRange[AcceptLanguageParser.MaxRanges];
        if (AcceptLanguageParser.Parse(header, ranges, out var count) != AcceptLanguageParseStatus.Ok)
        {
            return _all;
        }

        foreach (var range in ranges[..count])
        {
            if (range.Quality == 0)
            {
                break; // sorted: the rest are q=0 too, "not acceptable"
            }

            if (range.IsWildcard(header))
            {
                return _all;
            }

            for (var text = range.Text(header); ; text = text[..text.LastIndexOf('-')])
            {
                if (_bySpan.TryGetValue(text, out var destination))
                {
                    return destination;
                }

                if (!text.Contains('-'))
                {
                    break;
                }
            }

            if (_wildcardRoutes >= 0)
            {
                return _wildcardRoutes;
            }
        }

        return _none;
    }

    // Several Accept-Language lines mean the same as one comma-joined line (RFC 9110 §5.3), as in the selector.
    private static string? Join(StringValues values) => values.Count switch
    {
        0 => null,
        1 => values[0],
        _ => string.Join(',', values.ToArray()),
    };
}
