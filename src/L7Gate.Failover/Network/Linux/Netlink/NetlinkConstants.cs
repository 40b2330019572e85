namespace L7Gate.Failover.Network.Linux.Netlink;

/// <summary>Numbers from linux/netlink.h, linux/rtnetlink.h and linux/if_addr.h.</summary>
internal static class NetlinkConstants
{
    // nlmsghdr.nlmsg_type
    public const ushort NLMSG_ERROR = 2;
    public const ushort NLMSG_DONE = 3;
    public const ushort RTM_NEWLINK = 16;
    public const ushort RTM_DELLINK = 17;
    public const ushort RTM_GETLINK = 18;
    public const ushort RTM_NEWADDR = 20;
    public const ushort RTM_DELADDR = 21;
    public const ushort RTM_GETADDR = 22;

    // nlmsghdr.nlmsg_flags
    public const ushort NLM_F_REQUEST = 0x1;
    public const ushort NLM_F_MULTI = 0x2;
    public const ushort NLM_F_ACK = 0x4;
    public const ushort NLM_F_DUMP = 0x300;
    public const ushort NLM_F_EXCL = 0x200;
    public const ushort NLM_F_CREATE = 0x400;

    // rtattr types for ifaddrmsg
    public const ushort IFA_ADDRESS = 1;
    public const ushort IFA_LOCAL = 2;

    // rtattr types for ifinfomsg
    public const ushort IFLA_ADDRESS = 1;
    public const ushort IFLA_IFNAME = 3;
    public const ushort IFLA_LINK = 5;
    public const ushort IFLA_OPERSTATE = 16;
    public const ushort IFLA_LINKINFO = 18;

    // nested in IFLA_LINKINFO (linux/if_link.h), and IFLA_INFO_DATA of a macvlan
    public const ushort IFLA_INFO_KIND = 1;
    public const ushort IFLA_INFO_DATA = 2;
    public const ushort IFLA_MACVLAN_MODE = 1;

    // enum macvlan_mode
    public const uint MACVLAN_MODE_PRIVATE = 1;
    public const uint MACVLAN_MODE_VEPA = 2;
    public const uint MACVLAN_MODE_BRIDGE = 4;
    public const uint MACVLAN_MODE_PASSTHRU = 8;

    // ifinfomsg.ifi_flags (linux/if.h)
    public const uint IFF_UP = 0x1;
    public const uint IFF_LOWER_UP = 0x10000;

    // IFLA_OPERSTATE values (RFC 2863 operational status)
    public const byte IF_OPER_UNKNOWN = 0;
    public const byte IF_OPER_UP = 6;

    // ifaddrmsg.ifa_flags
    public const byte IFA_F_SECONDARY = 0x01;

    public const byte AF_INET = 2;
    public const byte AF_UNSPEC = 0;

    // Sizes: struct nlmsghdr, struct ifaddrmsg, struct rtattr header, NLMSG/RTA alignment.
    public const int NlMsgHeaderLength = 16;
    public const int IfAddrMsgLength = 8;
    public const int IfInfoMsgLength = 16;
    public const int RtAttrHeaderLength = 4;
    public const int Alignment = 4;

    // errno values the VIP manager treats as "already done".
    public const int EEXIST = 17;
    public const int EADDRNOTAVAIL = 99;
    public const int ENODEV = 19;
    public const int ENODATA = 61;

    public static int Align(int length) => (length + Alignment - 1) & ~(Alignment - 1);
}
