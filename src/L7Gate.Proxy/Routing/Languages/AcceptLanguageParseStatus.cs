namespace L7Gate.Proxy.Routing.Languages;

/// <summary>Outcome of parsing an Accept-Language header.</summary>
public enum AcceptLanguageParseStatus
{
    /// <summary>Parsed; the ranges are usable (there may be none, e.g. an empty header).</summary>
    Ok,

    /// <summary>Not RFC 9110 §12.5.4 syntax; the header is ignored.</summary>
    Malformed,

    /// <summary>Longer than <see cref="AcceptLanguageParser.MaxHeaderLength"/> or more than
    /// <see cref="AcceptLanguageParser.MaxRanges"/> ranges; the header is ignored.</summary>
    Oversized,
}
