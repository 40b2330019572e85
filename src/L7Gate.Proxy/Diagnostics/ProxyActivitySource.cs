using System.Diagnostics;

namespace L7Gate.Proxy.Diagnostics;

/// <summary>The proxy library's one <see cref="ActivitySource"/>, "L7Gate.Proxy": an activity per retried attempt.</summary>
public static class ProxyActivitySource
{
    /// <summary>Source name; telemetry listens to every <c>L7Gate.*</c> source.</summary>
    public const string Name = "L7Gate.Proxy";

    /// <summary>The shared source.</summary>
    public static ActivitySource Instance { get; } = new(Name);
}
