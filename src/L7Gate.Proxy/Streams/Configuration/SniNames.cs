namespace L7Gate.Proxy.Streams.Configuration;

/// <summary>The shapes an <c>Sni</c> key may take: a DNS name, or <c>*.</c> followed by one.</summary>
public static class SniNames
{
    /// <summary>True for "api.example.com" and "*.example.com"; false for "*", "a.*.com", "exa mple.com".</summary>
    public static bool IsValidPattern(string? pattern)
    {
        if (string.IsNullOrEmpty(pattern) || pattern.Length > 253)
        {
            return false;
        }

        var name = pattern.StartsWith("*.", StringComparison.Ordinal) ? pattern[2..] : pattern;
        var labels = name.Split('.');
        return labels.All(label => label.Length is >= 1 and <= 63
            && label.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')
            && label[0] != '-' && label[^1] != '-');
    }
}
