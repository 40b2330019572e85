using System.Net;
using System.Runtime.InteropServices;
using static L7Gate.Failover.Network.Linux.Netlink.NetlinkConstants;

namespace L7Gate.Failover.Network.Linux.Netlink;

/// <summary>
/// Builds and reads rtnetlink address messages: nlmsghdr, struct ifaddrmsg, then attributes.
/// <code>
/// ifaddrmsg: | family u8 | prefixlen u8 | flags u8 | scope u8 | index u32 |
/// rtattr:    | len u16 | type u16 | value (padded to 4) |
/// </code>
/// </summary>
internal static class AddressMessage
{
    /// <summary>RTM_NEWADDR / RTM_DELADDR for one IPv4 address, acknowledged.</summary>
    /// <remarks>
    /// IFA_LOCAL and IFA_ADDRESS both carry the address, as <c>ip addr add A/P dev D</c> sends them.
    /// A delete carries IFA_LOCAL only: the kernel then matches on the address alone, whatever prefix
    /// length a crashed run or an operator used.
    /// </remarks>
    public static byte[] Change(ushort type, int interfaceIndex, IPAddress address, int prefixLength, uint sequence)
    {
        var isAdd = type == RTM_NEWADDR;
        var attributes = isAdd ? 2 : 1;
        var length = NlMsgHeaderLength + IfAddrMsgLength + attributes * (RtAttrHeaderLength + 4);
        var flags = (ushort)(NLM_F_REQUEST | NLM_F_ACK | (isAdd ? NLM_F_CREATE | NLM_F_EXCL : 0));
        var message = new byte[length];
        var span = message.AsSpan();
        WriteHeader(span, length, type, flags, sequence);
        WriteIfAddrMsg(span[NlMsgHeaderLength..], (byte)prefixLength, interfaceIndex);
        var offset = NlMsgHeaderLength + IfAddrMsgLength;
        offset += WriteAddressAttribute(span[offset..], IFA_LOCAL, address);
        if (isAdd)
        {
            WriteAddressAttribute(span[offset..], IFA_ADDRESS, address);
        }

        return message;
    }

    /// <summary>RTM_GETADDR dump of every IPv4 address (the kernel ignores the index filter without strict checking).</summary>
    public static byte[] DumpIPv4(uint sequence)
    {
        var length = NlMsgHeaderLength + IfAddrMsgLength;
        var message = new byte[length];
        WriteHeader(message, length, RTM_GETADDR, NLM_F_REQUEST | NLM_F_DUMP, sequence);
        WriteIfAddrMsg(message.AsSpan(NlMsgHeaderLength), 0, 0);
        return message;
    }

    /// <summary>Reads the interface index, IFA_LOCAL and whether it is a secondary, from an RTM_NEWADDR dump entry; false for other families.</summary>
    public static bool TryReadIPv4(ReadOnlySpan<byte> payload, out int interfaceIndex, out IPAddress? local, out bool secondary)
    {
        interfaceIndex = 0;
        local = null;
        secondary = false;
        if (payload.Length < IfAddrMsgLength || payload[0] != AF_INET)
        {
            return false;
        }

        secondary = (payload[2] & IFA_F_SECONDARY) != 0;
        interfaceIndex = MemoryMarshal.Read<int>(payload[4..]);
        var attributes = payload[IfAddrMsgLength..];
        while (attributes.Length >= RtAttrHeaderLength)
        {
            var attributeLength = MemoryMarshal.Read<ushort>(attributes);
            var attributeType = MemoryMarshal.Read<ushort>(attributes[2..]);
            if (attributeLength < RtAttrHeaderLength || attributeLength > attributes.Length)
            {
                break;
            }

            if (attributeType == IFA_LOCAL && attributeLength == RtAttrHeaderLength + 4)
            {
                local = new IPAddress(attributes.Slice(RtAttrHeaderLength, 4));
            }

            attributes = attributes[Math.Min(Align(attributeLength), attributes.Length)..];
        }

        return local is not null;
    }

    private static void WriteHeader(Span<byte> span, int length, ushort type, ushort flags, uint sequence)
    {
        MemoryMarshal.Write(span, length);
        MemoryMarshal.Write(span[4..], type);
        MemoryMarshal.Write(span[6..], flags);
        MemoryMarshal.Write(span[8..], sequence);
        MemoryMarshal.Write(span[12..], 0u); // nlmsg_pid 0: addressed to the kernel
    }

    private static void WriteIfAddrMsg(Span<byte> span, byte prefixLength, int interfaceIndex)
    {
        span[0] = AF_INET;
        span[1] = prefixLength;
        span[2] = 0; // ifa_flags
        span[3] = 0; // ifa_scope RT_SCOPE_UNIVERSE, as ip(8) uses for a global address
        MemoryMarshal.Write(span[4..], interfaceIndex);
    }

    private static int WriteAddressAttribute(Span<byte> span, ushort type, IPAddress address)
    {
        const ushort length = RtAttrHeaderLength + 4;
        MemoryMarshal.Write(span, length);
        MemoryMarshal.Write(span[2..], type);
        address.TryWriteBytes(span[RtAttrHeaderLength..], out _);
        return Align(length);
    }
}
