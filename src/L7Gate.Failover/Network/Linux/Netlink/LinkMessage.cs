using System.Net.NetworkInformation;
using System.Runtime.InteropServices;
using System.Text;
using static L7Gate.Failover.Network.Linux.Netlink.NetlinkConstants;

namespace L7Gate.Failover.Network.Linux.Netlink;

/// <summary>
/// RTM_GETLINK by name and its RTM_NEWLINK reply.
/// <code>
/// ifinfomsg: | family u8 | pad u8 | type u16 | index i32 | flags u32 | change u32 |
/// </code>
/// </summary>
internal static class LinkMessage
{
    /// <summary>Ask for one interface by name (IFLA_IFNAME); the kernel answers RTM_NEWLINK or ENODEV.</summary>
    public static byte[] GetByName(string interfaceName, uint sequence)
    {
        var name = Encoding.ASCII.GetBytes(interfaceName + "\0");
        var attributeLength = RtAttrHeaderLength + name.Length;
        var length = NlMsgHeaderLength + IfInfoMsgLength + Align(attributeLength);
        var message = new byte[length];
        var span = message.AsSpan();
        MemoryMarshal.Write(span, length);
        MemoryMarshal.Write(span[4..], RTM_GETLINK);
        MemoryMarshal.Write(span[6..], NLM_F_REQUEST);
        MemoryMarshal.Write(span[8..], sequence);
        span[NlMsgHeaderLength] = AF_UNSPEC; // rest of ifinfomsg zero: match by name
        var attribute = span[(NlMsgHeaderLength + IfInfoMsgLength)..];
        MemoryMarshal.Write(attribute, (ushort)attributeLength);
        MemoryMarshal.Write(attribute[2..], IFLA_IFNAME);
        name.CopyTo(attribute[RtAttrHeaderLength..]);
        return message;
    }

    /// <summary>Reads index, flags, operstate and MAC from an RTM_NEWLINK payload.</summary>
    public static LinkInfo Read(string interfaceName, ReadOnlySpan<byte> payload)
    {
        var index = MemoryMarshal.Read<int>(payload[4..]);
        var flags = MemoryMarshal.Read<uint>(payload[8..]);
        byte operState = IF_OPER_UNKNOWN;
        PhysicalAddress? mac = null;
        var attributes = payload[IfInfoMsgLength..];
        while (attributes.Length >= RtAttrHeaderLength)
        {
            var attributeLength = MemoryMarshal.Read<ushort>(attributes);
            var attributeType = MemoryMarshal.Read<ushort>(attributes[2..]);
            if (attributeLength < RtAttrHeaderLength || attributeLength > attributes.Length)
            {
                break;
            }

            var value = attributes[RtAttrHeaderLength..attributeLength];
            if (attributeType == IFLA_OPERSTATE && value.Length >= 1)
            {
                operState = value[0];
            }
            else if (attributeType == IFLA_ADDRESS && value.Length == 6)
            {
                mac = new PhysicalAddress(value.ToArray());
            }

            attributes = attributes[Math.Min(Align(attributeLength), attributes.Length)..];
        }

        return new LinkInfo(interfaceName, index, flags, operState, mac);
    }
}
