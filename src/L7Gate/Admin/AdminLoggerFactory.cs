using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace L7Gate.Admin;

/// <summary>
/// The host's logger factory for the admin listener's inner host, minus <c>Microsoft.Hosting.Lifetime</c>: its
/// "Now listening on" would name the admin port as if it were the proxy's. <see cref="AdminLog.Listening"/> says it instead.
/// </summary>
internal sealed class AdminLoggerFactory(ILoggerFactory inner) : ILoggerFactory
{
    private const string LifetimeCategory = "Microsoft.Hosting.Lifetime";

    public ILogger CreateLogger(string categoryName) =>
        categoryName == LifetimeCategory ? NullLogger.Instance : inner.CreateLogger(categoryName);

    public void AddProvider(ILoggerProvider provider) => inner.AddProvider(provider);

    // The host owns the inner factory and disposes it.
    public void Dispose()
    {
    }
}
