namespace L7Gate.Failover.Network.Linux;

/// <summary>Option numbers from Linux's asm-generic/socket.h and linux/in.h, for SetRawSocketOption.</summary>
internal static class LinuxSocketOptions
{
    public const int SOL_SOCKET = 1;
    public const int SO_BINDTODEVICE = 25;

    public const int IPPROTO_IP = 0;
    public const int IP_TOS = 1;
    public const int IP_TTL = 2;
    public const int IP_MULTICAST_IF = 32;
    public const int IP_MULTICAST_TTL = 33;
    public const int IP_MULTICAST_LOOP = 34;
    public const int IP_ADD_MEMBERSHIP = 35;

    /// <summary>VRRP is IP protocol 112 (RFC 5798 §5.1.1.4).</summary>
    public const int IPPROTO_VRRP = 112;

    /// <summary>Internetwork control precedence, as keepalived sets it.</summary>
    public const int TosInternetworkControl = 0xC0;

    /// <summary>RFC 5798 §5.1.1.3: a receiver drops adverts whose TTL is not 255.</summary>
    public const int VrrpTtl = 255;
}
