using System.Collections;
using L7Gate.Proxy.Secrets;

namespace L7Gate.Telemetry.Redaction;

/// <summary>
/// A log entry's structured values with URL userinfo redacted, and its already formatted, redacted message.
/// The "{OriginalFormat}" template is kept so structured sinks still group entries by template.
/// </summary>
internal sealed class RedactedLogState(IReadOnlyList<KeyValuePair<string, object?>> values, string message)
    : IReadOnlyList<KeyValuePair<string, object?>>
{
    public int Count => values.Count;

    public KeyValuePair<string, object?> this[int index] => values[index];

    /// <summary>True when any value is a URL (or a string holding one) with userinfo.</summary>
    public static bool NeedsRedaction(IReadOnlyList<KeyValuePair<string, object?>> values)
    {
        for (var i = 0; i < values.Count; i++)
        {
            if (IsSecretBearing(values[i].Value))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A copy of <paramref name="values"/> with every secret-bearing value redacted.</summary>
    public static RedactedLogState From(IReadOnlyList<KeyValuePair<string, object?>> values, string message)
    {
        var copy = new KeyValuePair<string, object?>[values.Count];
        for (var i = 0; i < values.Count; i++)
        {
            var (key, value) = values[i];
            copy[i] = new(key, value switch
            {
                Uri uri when IsSecretBearing(uri) => SecretRedactor.RedactUri(uri),
                string text when IsSecretBearing(text) => SecretRedactor.RedactUrlUserInfo(text),
                _ => value,
            });
        }

        return new RedactedLogState(copy, message);
    }

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => values.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => message;

    private static bool IsSecretBearing(object? value) => value switch
    {
        string text => SecretRedactor.ContainsUrlUserInfo(text),
        Uri { IsAbsoluteUri: true } uri => uri.UserInfo.Length > 0,
        _ => false,
    };
}
