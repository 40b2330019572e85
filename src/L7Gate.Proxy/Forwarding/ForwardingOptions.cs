namespace L7Gate.Proxy.Forwarding;

/// <summary>
/// <c>Forwarding</c> section: how every route forwards, where a cluster or route does not say otherwise.
/// See README "Limits and timeouts".
/// </summary>
public sealed class ForwardingOptions
{
    /// <summary>Section name.</summary>
    public const string SectionName = "Forwarding";

    /// <summary>Default of <see cref="ActivityTimeout"/>: 60 s (nginx <c>proxy_read_timeout</c> 60 s; HAProxy's sample configs set <c>timeout server</c> 50–60 s). YARP's own is 100 s.</summary>
    public static readonly TimeSpan DefaultActivityTimeout = TimeSpan.FromSeconds(60);

    /// <summary>Smallest accepted <see cref="ActivityTimeout"/>.</summary>
    public static readonly TimeSpan MinimumActivityTimeout = TimeSpan.FromMilliseconds(100);

    /// <summary>Largest accepted <see cref="ActivityTimeout"/>.</summary>
    public static readonly TimeSpan MaximumActivityTimeout = TimeSpan.FromHours(24);

    /// <summary>
    /// How long a destination may send nothing (no response headers, no body bytes) before the request fails with
    /// 504, for clusters whose <c>HttpRequest.ActivityTimeout</c> is not set. Defaults to 60 s (nginx
    /// <c>proxy_read_timeout</c>, HAProxy <c>timeout server</c>).
    /// </summary>
    public TimeSpan ActivityTimeout { get; set; } = DefaultActivityTimeout;

    /// <summary>
    /// Forward <c>TRACE</c> requests. Defaults to false: they are answered 405 (as nginx does), because TRACE echoes
    /// the request, credentials included, back to whoever can make a browser or script send it (cross-site tracing).
    /// </summary>
    public bool AllowTrace { get; set; }
}
