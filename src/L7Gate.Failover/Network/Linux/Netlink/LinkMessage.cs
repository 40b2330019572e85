using System.Net.NetworkInformation;
using System.Runtime.InteropServices;
using System.Text;
using static L7Gate.Failover.Network.Linux.Netlink.NetlinkConstants;

namespace L7Gate.Failover.Network.Linux.Netlink;

/// <summary>
/// RTM_GETLINK by name and its RTM_NEWLINK reply; RTM_NEWLINK to create a macvlan or set a link up or down;
/// RTM_DELLINK.
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

    /// <summary>
    /// Creates a macvlan on <paramref name="parentIndex"/>, administratively down, as
    /// <c>ip link add link PARENT name NAME address MAC type macvlan mode MODE</c> sends it:
    /// IFLA_IFNAME, IFLA_LINK, IFLA_ADDRESS and IFLA_LINKINFO { IFLA_INFO_KIND "macvlan", IFLA_INFO_DATA { IFLA_MACVLAN_MODE } }.
    /// NLM_F_EXCL: an existing link of that name is an error (EEXIST), never silently changed.
    /// </summary>
    public static byte[] CreateMacvlan(string name, int parentIndex, PhysicalAddress mac, uint mode, uint sequence)
    {
        var builder = new NetlinkRequestBuilder(RTM_NEWLINK, NLM_F_REQUEST | NLM_F_ACK | NLM_F_CREATE | NLM_F_EXCL, sequence, IfInfoMsgLength);
        builder.FamilyHeader[0] = AF_UNSPEC;
        return builder
            .Attribute(IFLA_IFNAME, name)
            .Attribute(IFLA_LINK, (uint)parentIndex)
            .Attribute(IFLA_ADDRESS, mac.GetAddressBytes())
            .BeginNest(IFLA_LINKINFO)
                .Attribute(IFLA_INFO_KIND, "macvlan")
                .BeginNest(IFLA_INFO_DATA)
                    .Attribute(IFLA_MACVLAN_MODE, mode)
                .EndNest()
            .EndNest()
            .Build();
    }

    /// <summary>Sets IFF_UP on or off (ifi_change = IFF_UP, so no other flag is touched), as <c>ip link set NAME up|down</c>.</summary>
    public static byte[] SetUp(int index, bool up, uint sequence)
    {
        var builder = new NetlinkRequestBuilder(RTM_NEWLINK, NLM_F_REQUEST | NLM_F_ACK, sequence, IfInfoMsgLength);
        WriteIfInfoMsg(builder.FamilyHeader, index, up ? IFF_UP : 0, IFF_UP);
        return builder.Build();
    }

    /// <summary>Deletes the link with this index (<c>ip link del</c>).</summary>
    public static byte[] Delete(int index, uint sequence)
    {
        var builder = new NetlinkRequestBuilder(RTM_DELLINK, NLM_F_REQUEST | NLM_F_ACK, sequence, IfInfoMsgLength);
        WriteIfInfoMsg(builder.FamilyHeader, index, 0, 0);
        return builder.Build();
    }

    /// <summary>Reads index, flags, operstate, MAC, parent and link kind (with a macvlan's mode) from an RTM_NEWLINK payload.</summary>
    public static LinkInfo Read(string interfaceName, ReadOnlySpan<byte> payload)
    {
        var index = MemoryMarshal.Read<int>(payload[4..]);
        var flags = MemoryMarshal.Read<uint>(payload[8..]);
        byte operState = IF_OPER_UNKNOWN;
        PhysicalAddress? mac = null;
        var parent = 0;
        string? kind = null;
        uint mode = 0;
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
            else if (attributeType == IFLA_LINK && value.Length >= 4)
            {
                parent = MemoryMarshal.Read<int>(value);
            }
            else if (attributeType == IFLA_LINKINFO)
            {
                ReadLinkInfo(value, ref kind, ref mode);
            }

            attributes = attributes[Math.Min(Align(attributeLength), attributes.Length)..];
        }

        return new LinkInfo(interfaceName, index, flags, operState, mac) { Kind = kind, ParentIndex = parent, MacvlanMode = mode };
    }

    // IFLA_LINKINFO { IFLA_INFO_KIND "macvlan\0", IFLA_INFO_DATA { IFLA_MACVLAN_MODE u32, ... } }
    private static void ReadLinkInfo(ReadOnlySpan<byte> nest, ref string? kind, ref uint mode)
    {
        foreach (var (type, value) in Attributes(nest))
        {
            if (type == IFLA_INFO_KIND)
            {
                kind = Encoding.ASCII.GetString(value).TrimEnd('\0');
            }
            else if (type == IFLA_INFO_DATA)
            {
                foreach (var (dataType, data) in Attributes(value))
                {
                    if (dataType == IFLA_MACVLAN_MODE && data.Length >= 4)
                    {
                        mode = MemoryMarshal.Read<uint>(data);
                    }
                }
            }
        }
    }

    private static List<(ushort Type, byte[] Value)> Attributes(ReadOnlySpan<byte> attributes)
    {
        var list = new List<(ushort, byte[])>();
        while (attributes.Length >= RtAttrHeaderLength)
        {
            var length = MemoryMarshal.Read<ushort>(attributes);
            var type = (ushort)(MemoryMarshal.Read<ushort>(attributes[2..]) & 0x3FFF); // strip NLA_F_NESTED / NLA_F_NET_BYTEORDER
            if (length < RtAttrHeaderLength || length > attributes.Length)
            {
                break;
            }

            list.Add((type, attributes[RtAttrHeaderLength..length].ToArray()));
            attributes = attributes[Math.Min(Align(length), attributes.Length)..];
        }

        return list;
    }

    private static void WriteIfInfoMsg(Span<byte> span, int index, uint flags, uint change)
    {
        span[0] = AF_UNSPEC;
        MemoryMarshal.Write(span[4..], index);
        MemoryMarshal.Write(span[8..], flags);
        MemoryMarshal.Write(span[12..], change);
    }
}
