using System.Runtime.InteropServices;
using System.Text;
using static L7Gate.Failover.Network.Linux.Netlink.NetlinkConstants;

namespace L7Gate.Failover.Network.Linux.Netlink;

/// <summary>
/// Builds one rtnetlink request: nlmsghdr, a fixed family header, then attributes, some nested
/// (IFLA_LINKINFO → IFLA_INFO_DATA → ...). Every attribute is padded to 4 bytes; a nest's length covers its
/// children. The message length is patched in by <see cref="Build"/>.
/// </summary>
internal sealed class NetlinkRequestBuilder
{
    private readonly List<byte> _bytes = [];
    private readonly Stack<int> _nests = new();

    public NetlinkRequestBuilder(ushort type, ushort flags, uint sequence, int familyHeaderLength)
    {
        Span<byte> header = stackalloc byte[NlMsgHeaderLength];
        MemoryMarshal.Write(header[4..], type);
        MemoryMarshal.Write(header[6..], flags);
        MemoryMarshal.Write(header[8..], sequence);
        _bytes.AddRange(header.ToArray());
        _bytes.AddRange(new byte[familyHeaderLength]);
    }

    /// <summary>The family header (ifinfomsg, ifaddrmsg ...) after nlmsghdr, to fill in.</summary>
    public Span<byte> FamilyHeader => CollectionsMarshal.AsSpan(_bytes)[NlMsgHeaderLength..];

    public NetlinkRequestBuilder Attribute(ushort type, ReadOnlySpan<byte> value)
    {
        Span<byte> header = stackalloc byte[RtAttrHeaderLength];
        MemoryMarshal.Write(header, (ushort)(RtAttrHeaderLength + value.Length));
        MemoryMarshal.Write(header[2..], type);
        _bytes.AddRange(header.ToArray());
        _bytes.AddRange(value.ToArray());
        Pad();
        return this;
    }

    public NetlinkRequestBuilder Attribute(ushort type, uint value)
    {
        Span<byte> bytes = stackalloc byte[4];
        MemoryMarshal.Write(bytes, value);
        return Attribute(type, bytes);
    }

    /// <summary>A NUL-terminated string attribute (IFLA_IFNAME, IFLA_INFO_KIND).</summary>
    public NetlinkRequestBuilder Attribute(ushort type, string value) => Attribute(type, Encoding.ASCII.GetBytes(value + "\0"));

    public NetlinkRequestBuilder BeginNest(ushort type)
    {
        _nests.Push(_bytes.Count);
        return Attribute(type, ReadOnlySpan<byte>.Empty);
    }

    public NetlinkRequestBuilder EndNest()
    {
        var start = _nests.Pop();
        MemoryMarshal.Write(CollectionsMarshal.AsSpan(_bytes)[start..], (ushort)(_bytes.Count - start)); // host order, as all of netlink
        return this;
    }

    public byte[] Build()
    {
        var message = _bytes.ToArray();
        MemoryMarshal.Write(message, message.Length);
        return message;
    }

    private void Pad()
    {
        while (_bytes.Count % Alignment != 0)
        {
            _bytes.Add(0);
        }
    }
}
