using System.Net;

namespace L7Gate.Failover.Tests.Protocol;

/// <summary>The golden vectors of vrrp-notes.md (keepalived 2.2.7 captures and keepalived issue #1175).</summary>
internal static class GoldenPackets
{
    public static readonly IPAddress Sender = IPAddress.Parse("192.0.2.11");
    public static readonly IPAddress Peer = IPAddress.Parse("192.0.2.12");
    public static readonly IPAddress Multicast = IPAddress.Parse("224.0.0.18");
    public static readonly IPAddress Vip = IPAddress.Parse("192.0.2.100");

    // IP headers, to check the addresses and TTL the vectors were captured with.
    public static readonly byte[] V2MulticastIp = Hex("45c0 0028 0001 0000 ff70 1887 c000 020b e000 0012");
    public static readonly byte[] V2Multicast = Hex("2133 9601 0001 8665 c000 0264 0000 0000 0000 0000");
    public static readonly byte[] V2UnicastPasswordIp = Hex("45c0 0028 0001 0000 ff70 368d c000 020b c000 020c");
    public static readonly byte[] V2UnicastPassword = Hex("2133 9601 0101 17e7 c000 0264 7365 6372 6574 3132");
    public static readonly byte[] V3MulticastIp = Hex("45c0 0020 0001 0000 ff70 188f c000 020b e000 0012");
    public static readonly byte[] V3Multicast = Hex("3133 9601 0064 d367 c000 0264");
    public static readonly byte[] V3UnicastIp = Hex("45c0 0020 0001 0000 ff70 3695 c000 020b c000 020c");
    public static readonly byte[] V3Unicast = Hex("3133 9601 0064 f16d c000 0264");

    // keepalived #1175: 10.1.0.3 -> 10.1.0.1, VRID 88, priority 198, 100 cs, VIP 10.195.76.227.
    public static readonly IPAddress Issue1175Source = IPAddress.Parse("10.1.0.3");
    public static readonly IPAddress Issue1175Destination = IPAddress.Parse("10.1.0.1");
    public static readonly byte[] Issue1175 = Hex("3158 c601 0064 9c19 0ac3 4ce3");
    public const ushort Issue1175MessageOnlyChecksum = 0xb09b;

    public static byte[] Hex(string text) => Convert.FromHexString(text.Replace(" ", ""));
}
