using L7Gate.Proxy.Secrets;

namespace L7Gate.Telemetry.Redaction;

/// <summary>
/// A logger that rewrites a log entry's values and message when one of them holds a URL with userinfo; any other
/// entry passes through untouched (the check is a scan for "://" and '@' in the string values).
/// </summary>
internal sealed class RedactingLogger(ILogger inner) : ILogger
{
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull =>
        state is IReadOnlyList<KeyValuePair<string, object?>> values && RedactedLogState.NeedsRedaction(values)
            ? inner.BeginScope(RedactedLogState.From(values, SecretRedactor.RedactUrlUserInfo(state.ToString() ?? string.Empty)))
            : inner.BeginScope(state);

    public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!inner.IsEnabled(logLevel))
        {
            return;
        }

        if (state is IReadOnlyList<KeyValuePair<string, object?>> values)
        {
            if (!RedactedLogState.NeedsRedaction(values))
            {
                inner.Log(logLevel, eventId, state, exception, formatter);
                return;
            }

            var message = SecretRedactor.RedactUrlUserInfo(formatter(state, exception));
            inner.Log(logLevel, eventId, RedactedLogState.From(values, message), exception, static (s, _) => s.ToString());
            return;
        }

        // Unstructured state (rare): only the formatted text can be checked.
        var text = formatter(state, exception);
        if (SecretRedactor.ContainsUrlUserInfo(text))
        {
            var redacted = SecretRedactor.RedactUrlUserInfo(text);
            inner.Log(logLevel, eventId, RedactedLogState.From([], redacted), exception, static (s, _) => s.ToString());
            return;
        }

        inner.Log(logLevel, eventId, state, exception, formatter);
    }
}
