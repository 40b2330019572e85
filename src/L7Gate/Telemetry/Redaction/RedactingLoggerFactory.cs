namespace L7Gate.Telemetry.Redaction;

/// <summary>
/// Wraps the host's logger factory so that every logger, whatever its provider (console, OTLP, a test's), gets
/// log state with URL userinfo redacted (<see cref="RedactingLogger"/>). YARP's forwarder logs each destination URL
/// ("Proxying to http://user:pass@…"), and its templates are not ours to change.
/// </summary>
internal sealed class RedactingLoggerFactory(ILoggerFactory inner) : ILoggerFactory
{
    public ILogger CreateLogger(string categoryName) => new RedactingLogger(inner.CreateLogger(categoryName));

    public void AddProvider(ILoggerProvider provider) => inner.AddProvider(provider);

    public void Dispose() => inner.Dispose();
}
