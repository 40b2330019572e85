using System.Globalization;
using System.Text.RegularExpressions;

namespace L7Gate.Network.Tests.Lab;

/// <summary>A VRRP advert as tcpdump decoded it off the wire.</summary>
public sealed record CapturedAdvert(string SourceMac, string Source, int Version, int VirtualRouterId, int Priority);

/// <summary>Captures multicast VRRP adverts on a node's interface with tcpdump (<c>-e -v</c>: Ethernet source, VRRP fields).</summary>
public static partial class AdvertCapture
{
    /// <summary>The next <paramref name="count"/> adverts the node sees (within 10 s), as tcpdump decodes them.</summary>
    public static IReadOnlyList<CapturedAdvert> Capture(LabNode node, int count)
    {
        var (_, output, _) = Shell.TryRun("ip", "netns", "exec", node.Namespace,
            "timeout", "10", "tcpdump", "-i", node.Interface, "-e", "-n", "-v", "-l", "-c", count.ToString(CultureInfo.InvariantCulture), "ip proto 112");
        return AdvertRegex().Matches(output)
            .Select(m => new CapturedAdvert(
                m.Groups["mac"].Value,
                m.Groups["src"].Value,
                int.Parse(m.Groups["version"].Value, CultureInfo.InvariantCulture),
                int.Parse(m.Groups["vrid"].Value, CultureInfo.InvariantCulture),
                int.Parse(m.Groups["prio"].Value, CultureInfo.InvariantCulture)))
            .ToList();
    }

    // 11:34:06.865659 00:00:5e:00:01:33 > 01:00:5e:00:00:12, ethertype IPv4 (0x0800), length 46: (tos 0xc0, ttl 255, ...)
    //     192.0.2.11 > 224.0.0.18: VRRPv3, Advertisement, vrid 51, prio 150, intvl 10cs, length 12, addrs: 192.0.2.100
    [GeneratedRegex(@"(?<mac>[0-9a-f]{2}(?::[0-9a-f]{2}){5}) > [0-9a-f:]{17}, [^\n]*\n\s+(?<src>\d+\.\d+\.\d+\.\d+) > \S+: VRRPv(?<version>\d), Advertisement, vrid (?<vrid>\d+), prio (?<prio>\d+)")]
    private static partial Regex AdvertRegex();
}
