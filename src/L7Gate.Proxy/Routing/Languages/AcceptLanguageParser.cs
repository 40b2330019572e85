namespace L7Gate.Proxy.Routing.Languages;

/// <summary>
/// Strict, allocation-free Accept-Language parser (RFC 9110 §12.5.4):
/// <code>
/// Accept-Language = #( language-range [ weight ] )
/// language-range  = (1*8ALPHA *("-" 1*8alphanum)) / "*"        ; RFC 4647 §2.1
/// weight          = OWS ";" OWS "q=" qvalue                     ; RFC 9110 §12.4.2
/// qvalue          = ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] )
/// </code>
/// Empty list elements are accepted (RFC 9110 §5.6.1). Work is bounded: a header longer than
/// <see cref="MaxHeaderLength"/> is rejected before it is read, and parsing stops at
/// <see cref="MaxRanges"/> ranges.
/// </summary>
public static class AcceptLanguageParser
{
    /// <summary>Longest header considered. Real browsers send well under 200 characters.</summary>
    public const int MaxHeaderLength = 1024;

    /// <summary>Most ranges considered; a header with more is rejected as oversized.</summary>
    public const int MaxRanges = 32;

    /// <summary>
    /// Parses <paramref name="header"/> into <paramref name="ranges"/> (which must hold
    /// <see cref="MaxRanges"/>), sorted by q-value, highest first, ties in header order.
    /// Ranges with q=0 are kept, last, so that callers can honour "not acceptable".
    /// </summary>
    /// <returns>The status; <paramref name="count"/> is 0 unless it is <see cref="AcceptLanguageParseStatus.Ok"/>.</returns>
    public static AcceptLanguageParseStatus Parse(string? header, Span<LanguageRange> ranges, out int count)
    {
        count = 0;
        if (header is null)
        {
            return AcceptLanguageParseStatus.Ok;
        }

        if (header.Length > MaxHeaderLength)
        {
            return AcceptLanguageParseStatus.Oversized;
        }

        if (ranges.Length < MaxRanges)
        {
            throw new ArgumentException($"Needs room for {MaxRanges} ranges.", nameof(ranges));
        }

        var status = ParseCore(header, ranges, out var parsed);
        if (status != AcceptLanguageParseStatus.Ok)
        {
            return status;
        }

        SortByQualityStable(ranges[..parsed]);
        count = parsed;
        return AcceptLanguageParseStatus.Ok;
    }

    private static AcceptLanguageParseStatus ParseCore(string s, Span<LanguageRange> ranges, out int count)
    {
        count = 0;
        var i = 0;
        while (true)
        {
            // Skip OWS and empty list elements.
            while (i < s.Length && (s[i] == ' ' || s[i] == '\t' || s[i] == ','))
            {
                i++;
            }

            if (i == s.Length)
            {
                return AcceptLanguageParseStatus.Ok;
            }

            var start = i;
            if (!TryReadRange(s, ref i))
            {
                return AcceptLanguageParseStatus.Malformed;
            }

            var length = i - start;
            SkipOws(s, ref i);
            var quality = 1000;
            if (i < s.Length && s[i] == ';')
            {
                i++;
                SkipOws(s, ref i);
                if (!TryReadWeight(s, ref i, out quality))
                {
                    return AcceptLanguageParseStatus.Malformed;
                }

                SkipOws(s, ref i);
            }

            if (i < s.Length && s[i] != ',')
            {
                return AcceptLanguageParseStatus.Malformed;
            }

            if (count == MaxRanges)
            {
                return AcceptLanguageParseStatus.Oversized;
            }

            ranges[count++] = new LanguageRange(start, length, quality);
        }
    }

    private static bool TryReadRange(string s, ref int i)
    {
        if (s[i] == '*')
        {
            i++;
            return true;
        }

        // First subtag: 1*8ALPHA; later subtags: 1*8alphanum.
        var first = true;
        while (true)
        {
            var subtagStart = i;
            while (i < s.Length && i - subtagStart < 9 && (first ? char.IsAsciiLetter(s[i]) : char.IsAsciiLetterOrDigit(s[i])))
            {
                i++;
            }

            var subtagLength = i - subtagStart;
            if (subtagLength is 0 or > 8)
            {
                return false;
            }

            if (i < s.Length && s[i] == '-')
            {
                i++;
                first = false;
                continue;
            }

            return true;
        }
    }

    private static bool TryReadWeight(string s, ref int i, out int quality)
    {
        quality = 0;
        if (i + 1 >= s.Length || (s[i] != 'q' && s[i] != 'Q') || s[i + 1] != '=')
        {
            return false;
        }

        i += 2;
        if (i >= s.Length || (s[i] != '0' && s[i] != '1'))
        {
            return false;
        }

        var one = s[i] == '1';
        i++;
        var fraction = 0;
        if (i < s.Length && s[i] == '.')
        {
            i++;
            var digits = 0;
            while (i < s.Length && char.IsAsciiDigit(s[i]))
            {
                if (++digits > 3 || (one && s[i] != '0'))
                {
                    return false;
                }

                fraction = (fraction * 10) + (s[i] - '0');
                i++;
            }

            for (; digits < 3; digits++)
            {
                fraction *= 10;
            }
        }

        quality = one ? 1000 : fraction;
        return true;
    }

    private static void SkipOws(string s, ref int i)
    {
        while (i < s.Length && (s[i] == ' ' || s[i] == '\t'))
        {
            i++;
        }
    }

    // Insertion sort: stable (ties keep header order) and ideal for at most MaxRanges items.
    private static void SortByQualityStable(Span<LanguageRange> ranges)
    {
        for (var i = 1; i < ranges.Length; i++)
        {
            var item = ranges[i];
            var j = i - 1;
            while (j >= 0 && ranges[j].Quality < item.Quality)
            {
                ranges[j + 1] = ranges[j];
                j--;
            }

            ranges[j + 1] = item;
        }
    }
}
