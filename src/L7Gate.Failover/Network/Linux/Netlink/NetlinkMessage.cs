using System.Runtime.InteropServices;
using static L7Gate.Failover.Network.Linux.Netlink.NetlinkConstants;

namespace L7Gate.Failover.Network.Linux.Netlink;

/// <summary>
/// One netlink message in a receive buffer. Layout (linux/netlink.h), host byte order:
/// <code>
/// 0       4       6       8       12      16
/// | len   | type  | flags | seq   | pid   | payload (len - 16, padded to 4) ...
/// </code>
/// </summary>
internal readonly ref struct NetlinkMessage
{
    public NetlinkMessage(ushort type, uint sequence, ReadOnlySpan<byte> payload)
    {
        Type = type;
        Sequence = sequence;
        Payload = payload;
    }

    public ushort Type { get; }

    public uint Sequence { get; }

    public ReadOnlySpan<byte> Payload { get; }

    /// <summary>The messages packed in one datagram; a truncated tail is ignored.</summary>
    public static Enumerator Split(ReadOnlySpan<byte> datagram) => new(datagram);

    /// <summary>Walks the messages of a datagram without allocating.</summary>
    public ref struct Enumerator
    {
        private ReadOnlySpan<byte> _rest;

        public Enumerator(ReadOnlySpan<byte> datagram)
        {
            _rest = datagram;
            Current = default;
        }

        public NetlinkMessage Current { get; private set; }

        public readonly Enumerator GetEnumerator() => this;

        public bool MoveNext()
        {
            if (_rest.Length < NlMsgHeaderLength)
            {
                return false;
            }

            var length = MemoryMarshal.Read<int>(_rest);
            if (length < NlMsgHeaderLength || length > _rest.Length)
            {
                return false;
            }

            Current = new NetlinkMessage(
                MemoryMarshal.Read<ushort>(_rest[4..]),
                MemoryMarshal.Read<uint>(_rest[8..]),
                _rest[NlMsgHeaderLength..length]);
            var next = Math.Min(Align(length), _rest.Length);
            _rest = _rest[next..];
            return true;
        }
    }
}
