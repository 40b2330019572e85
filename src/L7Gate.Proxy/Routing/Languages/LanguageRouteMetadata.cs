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
    /// tags, or -1. A route reached only through the wildcard is skipped when every one of its tags is
    /// ruled out by a q=0 range in <paramref name="excluded"/>.
    /// </summary>
    internal int Match(string header, LanguageRange clientRange, ReadOnlySpan<LanguageRange> excluded)
    {
        var range = clientRange.Text(header);
        var best = -1;
        foreach (var tag in TagArray)
        {
            var score = LanguageTag.MatchScore(range, tag);
            if (score > best && !(clientRange.IsWildcard(header) && IsExcluded(header, tag, excluded)))
            {
                best = score;
            }
        }

        return best;
    }

    private static bool IsExcluded(string header, string tag, ReadOnlySpan<LanguageRange> excluded)
    {
        foreach (var range in excluded)
        {
            if (LanguageTag.Excludes(range.Text(header), tag))
            {
                return true;
            }
        }

        return false;
    }
}
