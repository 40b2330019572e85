namespace L7Gate.Proxy.Routing.Languages;

/// <summary>
/// One language-range of an Accept-Language header, as offsets into the header text so that parsing
/// allocates nothing. <see cref="Quality"/> is the q-value in thousandths (RFC 9110 §12.4.2: at most
/// three decimals), 0–1000.
/// </summary>
public readonly record struct LanguageRange(int Start, int Length, int Quality)
{
    /// <summary>The range's text within <paramref name="header"/>.</summary>
    public ReadOnlySpan<char> Text(string header) => header.AsSpan(Start, Length);

    /// <summary>True for the wildcard range <c>*</c>.</summary>
    public bool IsWildcard(string header) => Length == 1 && header[Start] == '*';
}
