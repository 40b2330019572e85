namespace L7Gate.Proxy.AccessLog;

/// <summary>
/// Hides secrets in a logged query string: the value of every parameter whose name looks like a secret (token,
/// key, secret, password, auth, signature…; names as in the admin API's config redaction) and user:password in URLs
/// carried by a value (<c>?next=https://user:pw@host/</c>). Returns the input itself when nothing needs hiding, so
/// the common case allocates nothing.
/// </summary>
internal static class QueryRedactor
{
    /// <summary>What a hidden value is replaced with (the admin API's placeholder).</summary>
    public const string Redacted = "***";

    private static readonly string[] SecretWords =
        ["token", "key", "secret", "password", "passwd", "pwd", "auth", "sig", "credential", "session", "jwt", "code"];

    /// <summary>The query (with or without its leading '?') with secret values replaced.</summary>
    public static string Redact(string query)
    {
        if (!NeedsRedaction(query))
        {
            return query;
        }

        var builder = new System.Text.StringBuilder(query.Length);
        var start = 0;
        if (query.StartsWith('?'))
        {
            builder.Append('?');
            start = 1;
        }

        while (start <= query.Length)
        {
            var end = query.IndexOf('&', start);
            if (end < 0)
            {
                end = query.Length;
            }

            if (builder.Length > 0 && builder[^1] != '?')
            {
                builder.Append('&');
            }

            AppendParameter(builder, query.AsSpan(start, end - start));
            start = end + 1;
        }

        return builder.ToString();
    }

    private static bool NeedsRedaction(string query)
    {
        var span = query.AsSpan();
        if (span.Contains('@'))
        {
            return true;
        }

        while (!span.IsEmpty)
        {
            var end = span.IndexOf('&');
            var parameter = end < 0 ? span : span[..end];
            var equals = parameter.IndexOf('=');
            if (equals > 0 && IsSecretName(parameter[..equals]))
            {
                return true;
            }

            span = end < 0 ? default : span[(end + 1)..];
        }

        return false;
    }

    private static void AppendParameter(System.Text.StringBuilder builder, ReadOnlySpan<char> parameter)
    {
        var equals = parameter.IndexOf('=');
        if (equals > 0 && IsSecretName(parameter[..equals]))
        {
            builder.Append(parameter[..(equals + 1)]).Append(Redacted);
            return;
        }

        if (equals < 0)
        {
            builder.Append(parameter);
            return;
        }

        builder.Append(parameter[..(equals + 1)]);
        AppendWithoutUserInfo(builder, parameter[(equals + 1)..]);
    }

    /// <summary>Replaces "user:pw@" after "://" (literal or percent-encoded "%3A%2F%2F") with "***@".</summary>
    private static void AppendWithoutUserInfo(System.Text.StringBuilder builder, ReadOnlySpan<char> value)
    {
        var at = value.IndexOf('@');
        var scheme = value.IndexOf("://", StringComparison.Ordinal);
        var schemeLength = 3;
        if (scheme < 0)
        {
            scheme = value.IndexOf("%3A%2F%2F", StringComparison.OrdinalIgnoreCase);
            schemeLength = 9;
        }

        if (at < 0 || scheme < 0 || at < scheme)
        {
            builder.Append(value);
            return;
        }

        var authorityStart = scheme + schemeLength;
        var slash = value[authorityStart..].IndexOf('/');
        if (slash >= 0 && authorityStart + slash < at)
        {
            builder.Append(value);
            return;
        }

        builder.Append(value[..authorityStart]).Append(Redacted).Append(value[at..]);
    }

    private static bool IsSecretName(ReadOnlySpan<char> name)
    {
        foreach (var word in SecretWords)
        {
            if (name.Contains(word, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
