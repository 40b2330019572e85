using System.Globalization;
using L7Gate.Proxy.Configuration;

namespace L7Gate.Proxy.Forwarding;

/// <summary>The TCP connect timeout to a destination, from cluster metadata <c>L7Gate.ConnectTimeout</c>.</summary>
public static class ConnectTimeout
{
    /// <summary>
    /// Default: 2 s. A loopback or LAN backend connects in well under a millisecond and a SYN retransmit takes
    /// 1 s, so 2 s tolerates one lost SYN while a dead host fails over fast (YARP's own default is 15 s).
    /// </summary>
    public static readonly TimeSpan Default = TimeSpan.FromSeconds(2);

    /// <summary>Smallest accepted value.</summary>
    public static readonly TimeSpan Minimum = TimeSpan.FromMilliseconds(10);

    /// <summary>Largest accepted value.</summary>
    public static readonly TimeSpan Maximum = TimeSpan.FromMinutes(2);

    /// <summary>Parses a configured value; false when it is not a TimeSpan within <see cref="Minimum"/>–<see cref="Maximum"/>.</summary>
    public static bool TryParse(string? text, out TimeSpan timeout) =>
        TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out timeout) && timeout >= Minimum && timeout <= Maximum;

    /// <summary>The timeout a cluster's metadata asks for, or <see cref="Default"/>.</summary>
    public static TimeSpan From(IReadOnlyDictionary<string, string>? metadata) =>
        metadata is not null && metadata.TryGetValue(L7GateMetadataKeys.ConnectTimeout, out var text) && TryParse(text, out var timeout)
            ? timeout
            : Default;
}
