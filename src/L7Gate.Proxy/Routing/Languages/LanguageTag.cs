namespace L7Gate.Proxy.Routing.Languages;

/// <summary>Language tag checks shared by the matcher and the config validator.</summary>
public static class LanguageTag
{
    /// <summary>Longest route tag accepted (RFC 5646 §4.4.1 asks for at least 35; private use can run longer).</summary>
    public const int MaxLength = 64;

    /// <summary>
    /// How well a client range matches a route tag: -1 when it does not; otherwise the length of
    /// the route tag (0 for a wildcard on either side), so a longer, more specific route tag wins a tie.
    /// A range matches when it equals the tag (case-insensitive) or is more specific than it
    /// (<c>zh-TW</c> matches <c>zh</c>, RFC 4647 §3.3.1 read from the route's side);
    /// <c>*</c> matches every tag and a route tag <c>*</c> matches every range.
    /// </summary>
    public static int MatchScore(ReadOnlySpan<char> clientRange, string routeTag)
    {
        if (routeTag == "*" || clientRange is "*")
        {
            return 0;
        }

        if (clientRange.Length == routeTag.Length)
        {
            return clientRange.Equals(routeTag, StringComparison.OrdinalIgnoreCase) ? routeTag.Length : -1;
        }

        return clientRange.Length > routeTag.Length
            && clientRange[routeTag.Length] == '-'
            && clientRange.StartsWith(routeTag, StringComparison.OrdinalIgnoreCase)
                ? routeTag.Length
                : -1;
    }

    /// <summary>
    /// True when <paramref name="clientRange"/> (a q=0 range) rules out <paramref name="routeTag"/>:
    /// RFC 4647 basic filtering, the range is the tag or a prefix of it (<c>fr;q=0</c> rules out <c>fr-CA</c>).
    /// </summary>
    public static bool Excludes(ReadOnlySpan<char> clientRange, string routeTag) =>
        clientRange is "*"
        || (routeTag.Length >= clientRange.Length
            && routeTag.AsSpan().StartsWith(clientRange, StringComparison.OrdinalIgnoreCase)
            && (routeTag.Length == clientRange.Length || routeTag[clientRange.Length] == '-'));

    /// <summary>
    /// True for <c>*</c> or a tag of RFC 5646's basic shape: a primary subtag of 2–8 letters (or the
    /// private-use/grandfathered singletons <c>x</c>, <c>i</c>), then subtags of 1–8 letters or digits,
    /// joined by hyphens.
    /// </summary>
    public static bool IsValid(string? tag)
    {
        if (string.IsNullOrEmpty(tag) || tag.Length > MaxLength)
        {
            return false;
        }

        if (tag == "*")
        {
            return true;
        }

        var subtags = tag.Split('-');
        var primary = subtags[0];
        var singleton = primary.Length == 1 && (primary[0] is 'x' or 'X' or 'i' or 'I');
        if (!singleton && (primary.Length is < 2 or > 8 || !primary.All(char.IsAsciiLetter)))
        {
            return false;
        }

        if (singleton && subtags.Length == 1)
        {
            return false;
        }

        for (var i = 1; i < subtags.Length; i++)
        {
            if (subtags[i].Length is < 1 or > 8 || !subtags[i].All(char.IsAsciiLetterOrDigit))
            {
                return false;
            }
        }

        return true;
    }
}
