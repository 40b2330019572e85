using System.Text;
using System.Text.RegularExpressions;

namespace L7Gate.Proxy.Secrets;

/// <summary>
/// The one place that decides what is a secret, by name and by value, for everything that leaves the process: the
/// admin API (<c>GET /admin/config</c>, <c>/admin/status</c>), logs, traces and the access log. By name: config keys
/// and query parameters containing Password, Secret, Key or Token; credential-bearing headers (<see cref="IsCredentialHeader"/>).
/// By value: the userinfo of any URL (<c>http://user:pass@host/</c> becomes <c>http://***@host/</c>), wherever it is.
/// </summary>
public static partial class SecretRedactor
{
    /// <summary>What a redacted value is replaced with.</summary>
    public const string Placeholder = "***";

    private static readonly string[] SecretWords = ["password", "passwd", "secret", "key", "token"];

    private static readonly string[] CredentialHeaders =
        ["Authorization", "Proxy-Authorization", "Cookie", "Set-Cookie", "X-Api-Key"];

    private static readonly string[] CredentialHeaderWords = ["token", "key", "secret", "auth", "password", "cookie"];

    /// <summary>
    /// True when a config key's (or query parameter's) value must not be shown. Names ending in "KeyName", such as
    /// YARP's <c>AffinityKeyName</c>, name a key rather than hold one.
    /// </summary>
    public static bool IsSecretName(string name) =>
        !name.EndsWith("KeyName", StringComparison.OrdinalIgnoreCase)
        && SecretWords.Any(word => name.Contains(word, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// True for a header whose value is a credential: Authorization, Proxy-Authorization, Cookie, Set-Cookie,
    /// X-Api-Key, and any header whose name contains Token, Key, Secret, Auth, Password or Cookie.
    /// </summary>
    public static bool IsCredentialHeader(string headerName) =>
        CredentialHeaders.Any(h => h.Equals(headerName, StringComparison.OrdinalIgnoreCase))
        || CredentialHeaderWords.Any(word => headerName.Contains(word, StringComparison.OrdinalIgnoreCase));

    /// <summary>True when <paramref name="text"/> holds a URL with userinfo that is not already redacted.</summary>
    public static bool ContainsUrlUserInfo(string? text) =>
        text is not null && text.Contains("://", StringComparison.Ordinal) && text.Contains('@', StringComparison.Ordinal)
        && UrlUserInfo().IsMatch(text);

    /// <summary>
    /// <paramref name="text"/> with the userinfo of every URL in it replaced by <see cref="Placeholder"/>; the same
    /// instance when there is none (cheap enough for every log line).
    /// </summary>
    public static string RedactUrlUserInfo(string text) =>
        ContainsUrlUserInfo(text) ? UrlUserInfo().Replace(text, "${scheme}" + Placeholder + "@") : text;

    /// <summary>A URI as text, its userinfo redacted.</summary>
    public static string RedactUri(Uri uri) =>
        uri.IsAbsoluteUri && uri.UserInfo.Length > 0 ? RedactUrlUserInfo(uri.OriginalString) : uri.OriginalString;

    /// <summary>
    /// A query string (with or without the leading '?') with the value of every parameter whose name is a secret
    /// (<see cref="IsSecretName"/>, or auth/sig/signature/code) replaced by <see cref="Placeholder"/>: for access logs
    /// (<c>?api_key=…</c>, <c>?access_token=…</c>, presigned <c>?X-Amz-Signature=…</c>).
    /// </summary>
    public static string RedactQueryString(string query)
    {
        if (query.Length == 0 || !query.Contains('=', StringComparison.Ordinal))
        {
            return query;
        }

        var builder = new StringBuilder(query.Length);
        var rest = query.AsSpan();
        if (rest[0] == '?')
        {
            builder.Append('?');
            rest = rest[1..];
        }

        var first = true;
        foreach (var range in rest.Split('&'))
        {
            var pair = rest[range];
            if (!first)
            {
                builder.Append('&');
            }

            first = false;
            var equals = pair.IndexOf('=');
            var name = equals < 0 ? pair : pair[..equals];
            if (equals >= 0 && IsSecretQueryParameter(Uri.UnescapeDataString(name.ToString())))
            {
                builder.Append(name).Append('=').Append(Placeholder);
            }
            else
            {
                builder.Append(pair);
            }
        }

        return builder.ToString();
    }

    private static bool IsSecretQueryParameter(string name) =>
        IsSecretName(name)
        || name.Contains("auth", StringComparison.OrdinalIgnoreCase)
        || name.Contains("signature", StringComparison.OrdinalIgnoreCase)
        || name.Equals("sig", StringComparison.OrdinalIgnoreCase)
        || name.Equals("code", StringComparison.OrdinalIgnoreCase);

    // scheme://userinfo@ — userinfo is everything up to '@' that is not a path, query or fragment delimiter.
    // An already-redacted "***" is left alone so that redaction is idempotent.
    [GeneratedRegex(@"(?<scheme>\b[A-Za-z][A-Za-z0-9+.\-]*://)(?!\*\*\*@)(?<userinfo>[^/?#@\s""']+)@")]
    private static partial Regex UrlUserInfo();
}
