namespace L7Gate.Proxy.Routing.Browsers;

/// <summary>
/// Reads the low-entropy User-Agent client hints Chromium browsers send by default:
/// <c>Sec-CH-UA</c>, a structured-field list of brand strings with a <c>v</c> parameter
/// (RFC 8941 §3.1), and <c>Sec-CH-UA-Mobile</c>, a structured boolean (<c>?1</c>/<c>?0</c>).
/// </summary>
public static class ClientHints
{
    /// <summary>Longest Sec-CH-UA considered (Chromium sends about 100 characters).</summary>
    public const int MaxBrandListLength = 512;

    /// <summary>Most brands considered.</summary>
    public const int MaxBrands = 16;

    /// <summary>
    /// Parses a Sec-CH-UA value into its brand names (parameters dropped).
    /// False when it is not a list of sf-strings, or too long.
    /// </summary>
    public static bool TryParseBrands(string value, out List<string> brands)
    {
        ArgumentNullException.ThrowIfNull(value);
        brands = [];
        if (value.Length > MaxBrandListLength)
        {
            return false;
        }

        var s = value.AsSpan();
        var i = 0;
        SkipSpaces(s, ref i);
        while (i < s.Length)
        {
            if (brands.Count == MaxBrands || !TryReadString(s, ref i, out var brand))
            {
                return false;
            }

            brands.Add(brand);
            if (!TrySkipParameters(s, ref i))
            {
                return false;
            }

            SkipSpaces(s, ref i);
            if (i == s.Length)
            {
                return true;
            }

            if (s[i] != ',')
            {
                return false;
            }

            i++;
            SkipSpaces(s, ref i);
            if (i == s.Length)
            {
                return false; // trailing comma (RFC 8941 §4.2.1)
            }
        }

        return true;
    }

    /// <summary>Parses Sec-CH-UA-Mobile: <c>?1</c> true, <c>?0</c> false; anything else fails.</summary>
    public static bool TryParseMobile(string value, out bool mobile)
    {
        ArgumentNullException.ThrowIfNull(value);
        var trimmed = value.AsSpan().Trim(" \t");
        mobile = trimmed is "?1";
        return mobile || trimmed is "?0";
    }

    /// <summary>
    /// True for a GREASE brand (WICG User-Agent Client Hints, "GREASE-like UA brand lists"; e.g. <c>Not A;Brand</c>, <c>Not/A)Brand</c>,
    /// <c>Not_A Brand</c>): Chromium shuffles its punctuation so that servers ignore it.
    /// </summary>
    public static bool IsGrease(string brand) =>
        (brand.StartsWith("Not", StringComparison.OrdinalIgnoreCase) && brand.EndsWith("Brand", StringComparison.OrdinalIgnoreCase))
        || brand.AsSpan().IndexOfAny("();:=?") >= 0;

    private static bool TryReadString(ReadOnlySpan<char> s, ref int i, out string value)
    {
        value = string.Empty;
        if (i >= s.Length || s[i] != '"')
        {
            return false;
        }

        i++;
        var text = new System.Text.StringBuilder();
        while (i < s.Length)
        {
            var c = s[i++];
            if (c == '"')
            {
                value = text.ToString();
                return true;
            }

            if (c == '\\')
            {
                if (i >= s.Length || (s[i] != '"' && s[i] != '\\'))
                {
                    return false;
                }

                c = s[i++];
            }
            else if (c < 0x20 || c > 0x7E)
            {
                return false;
            }

            text.Append(c);
        }

        return false; // unterminated
    }

    // parameters = *( ";" *SP key [ "=" bare-item ] ); bare items here are strings or tokens/numbers.
    private static bool TrySkipParameters(ReadOnlySpan<char> s, ref int i)
    {
        while (i < s.Length && s[i] == ';')
        {
            i++;
            SkipSpaces(s, ref i);
            var keyStart = i;
            while (i < s.Length && (char.IsAsciiLetterLower(s[i]) || char.IsAsciiDigit(s[i]) || s[i] is '_' or '-' or '.' or '*'))
            {
                i++;
            }

            if (i == keyStart)
            {
                return false;
            }

            if (i < s.Length && s[i] == '=')
            {
                i++;
                if (i < s.Length && s[i] == '"')
                {
                    if (!TryReadString(s, ref i, out _))
                    {
                        return false;
                    }
                }
                else
                {
                    var itemStart = i;
                    while (i < s.Length && s[i] is not (';' or ',' or ' ' or '\t'))
                    {
                        i++;
                    }

                    if (i == itemStart)
                    {
                        return false;
                    }
                }
            }
        }

        return true;
    }

    private static void SkipSpaces(ReadOnlySpan<char> s, ref int i)
    {
        while (i < s.Length && (s[i] == ' ' || s[i] == '\t'))
        {
            i++;
        }
    }
}
