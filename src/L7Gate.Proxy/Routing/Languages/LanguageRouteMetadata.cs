namespace L7Gate.Proxy.Routing.Languages;

/// <summary>
/// Endpoint metadata: the route only serves clients whose Accept-Language matches one of
/// <see cref="Tags"/> (spec §5). Attached from route metadata <c>L7Gate.Languages</c>.
/// </summary>
public sealed class LanguageRouteMetadata
{
    /// <summary>Creates the metadata from the route's language tags.</summary>
    public LanguageRouteMetadata(IEnumerable<string> tags)
    {
        ArgumentNullException.ThrowIfNull(tags);
        TagArray = tags.Where(static t => !string.IsNullOrWhiteSpace(t)).Select(static t => t.Trim()).ToArray();
    }

    /// <summary>The route's language tags, as configured.</summary>
    public IReadOnlyList<string> Tags => TagArray;

    internal string[] TagArray { get; }

    /// <summary>
    /// Best <see cref="LanguageTag.MatchScore"/> of <paramref name="clientRange"/> over this route's
    /// tags, or -1. A tag ruled out by a q=0 range in <paramref name="excluded"/> (RFC 4647 basic
    /// filtering: <c>zh;q=0</c> rules out <c>zh</c> and <c>zh-CN</c>) does not count, unless the client
    /// range reaches the tag more specifically than the exclusion does: with <c>zh-TW, zh;q=0</c> a route
    /// tagged <c>zh-TW</c> serves (the client asked for it by name), one tagged <c>zh</c> does not (the
    /// client refused generic Chinese; RFC 9110 §12.4.2 "not acceptable"), and <c>*</c> never overrides.
    /// </summary>
    internal int Match(string header, LanguageRange clientRange, ReadOnlySpan<LanguageRange> excluded)
    {
        var range = clientRange.Text(header);
        var best = -1;
        foreach (var tag in TagArray)
        {
            var score = LanguageTag.MatchScore(range, tag);
            if (score > best && !IsExcluded(header, range, tag, excluded))
            {
                best = score;
            }
        }

        return best;
    }

    private static bool IsExcluded(string header, ReadOnlySpan<char> clientRange, string tag, ReadOnlySpan<LanguageRange> excluded)
    {
        // How specifically the client range names this tag: its length when it filters to the tag
        // (the range is the tag or a prefix of it), else 0 (reached only by truncation, or "*").
        var named = clientRange is not "*" && LanguageTag.Excludes(clientRange, tag) ? clientRange.Length : 0;
        foreach (var range in excluded)
        {
            var text = range.Text(header);
            var exclusion = text is "*" ? 0 : text.Length;
            if (LanguageTag.Excludes(text, tag) && named <= exclusion)
            {
                return true;
            }
        }

        return false;
    }
}
