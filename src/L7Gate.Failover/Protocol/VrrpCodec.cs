using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace L7Gate.Failover.Protocol;

/// <summary>
/// Encodes and decodes VRRP messages (the IP payload). Pure and allocation-light; decoding never throws:
/// a bad packet yields a <see cref="VrrpDropReason"/>. Layout: <see cref="VrrpPacketLayout"/>.
/// </summary>
public static class VrrpCodec
{
    /// <summary>
    /// Decodes a VRRP message. Checks length against the address count (trailing bytes, e.g. Ethernet
    /// padding, are tolerated and ignored), version 2 or 3, type 1 and the checksum. A v3 checksum is
    /// accepted in either form (pseudo-header first, then message-only).
    /// </summary>
    /// <param name="message">The IP payload.</param>
    /// <param name="source">IPv4 source address (v3 pseudo-header).</param>
    /// <param name="destination">IPv4 destination address (v3 pseudo-header).</param>
    /// <param name="advertisement">The decoded advertisement when the result is <see cref="VrrpDropReason.None"/>.</param>
    public static VrrpDropReason TryDecode(ReadOnlySpan<byte> message, IPAddress source, IPAddress destination, out VrrpAdvertisement? advertisement)
    {
        advertisement = null;
        if (message.Length < VrrpPacketLayout.HeaderLength)
        {
            return VrrpDropReason.TooShort;
        }

        int version = message[VrrpPacketLayout.VersionTypeOffset] >> 4;
        int type = message[VrrpPacketLayout.VersionTypeOffset] & 0x0F;
        if (version is not (2 or 3))
        {
            return VrrpDropReason.UnknownVersion;
        }

        if (type != VrrpPacketLayout.TypeAdvertisement)
        {
            return VrrpDropReason.BadType;
        }

        int count = message[VrrpPacketLayout.CountOffset];
        int length = VrrpPacketLayout.MessageLength(version, count);
        if (message.Length < length)
        {
            return VrrpDropReason.LengthMismatch;
        }

        // Only the bytes the count accounts for are VRRP; anything after is link-layer padding.
        var vrrp = message[..length];
        var form = VrrpChecksumForm.MessageOnly;
        if (version == 2)
        {
            if (InternetChecksum.Finish(InternetChecksum.Accumulate(0, vrrp)) != 0)
            {
                return VrrpDropReason.BadChecksum;
            }
        }
        else if (InternetChecksum.Finish(InternetChecksum.Accumulate(PseudoHeaderSum(source, destination, length), vrrp)) == 0)
        {
            form = VrrpChecksumForm.PseudoHeader;
        }
        else if (InternetChecksum.Finish(InternetChecksum.Accumulate(0, vrrp)) != 0)
        {
            return VrrpDropReason.BadChecksum;
        }

        var addresses = new IPAddress[count];
        for (int i = 0; i < count; i++)
        {
            int offset = VrrpPacketLayout.AddressesOffset + (i * VrrpPacketLayout.AddressLength);
            addresses[i] = new IPAddress(vrrp.Slice(offset, VrrpPacketLayout.AddressLength));
        }

        ushort interval;
        var authType = VrrpAuthType.None;
        ReadOnlyMemory<byte> authData = ReadOnlyMemory<byte>.Empty;
        if (version == 2)
        {
            interval = vrrp[VrrpPacketLayout.V2AdverIntOffset];
            authType = (VrrpAuthType)vrrp[VrrpPacketLayout.AuthTypeOffset];
            authData = vrrp.Slice(length - VrrpPacketLayout.V2AuthDataLength, VrrpPacketLayout.V2AuthDataLength).ToArray();
        }
        else
        {
            interval = (ushort)(BinaryPrimitives.ReadUInt16BigEndian(vrrp[VrrpPacketLayout.V3MaxAdverIntOffset..]) & VrrpPacketLayout.V3MaxAdverIntMask);
        }

        advertisement = new VrrpAdvertisement(version, vrrp[VrrpPacketLayout.VirtualRouterIdOffset], vrrp[VrrpPacketLayout.PriorityOffset], interval, addresses)
        {
            AuthType = authType,
            AuthData = authData,
            ChecksumForm = form,
        };
        return VrrpDropReason.None;
    }

    /// <summary>
    /// Encodes <paramref name="advertisement"/> into <paramref name="destination"/> and returns the byte count.
    /// </summary>
    /// <param name="advertisement">What to send. v2 uses its <see cref="VrrpAdvertisement.AuthType"/> and <see cref="VrrpAdvertisement.AuthData"/>.</param>
    /// <param name="destination">Buffer of at least <see cref="VrrpAdvertisement.Length"/> bytes.</param>
    /// <param name="ipSource">IPv4 source (v3 pseudo-header).</param>
    /// <param name="ipDestination">IPv4 destination: 224.0.0.18 or the unicast peer (v3 pseudo-header).</param>
    /// <param name="checksumForm">v3 only: what the checksum covers.</param>
    /// <exception cref="ArgumentException">The advertisement cannot be encoded (programming error, not wire input).</exception>
    public static int Encode(VrrpAdvertisement advertisement, Span<byte> destination, IPAddress ipSource, IPAddress ipDestination, VrrpChecksumForm checksumForm = VrrpChecksumForm.PseudoHeader)
    {
        ArgumentNullException.ThrowIfNull(advertisement);
        if (advertisement.Version is not (2 or 3))
        {
            throw new ArgumentException($"VRRP version {advertisement.Version} is not 2 or 3.", nameof(advertisement));
        }

        if (advertisement.Addresses.Count > byte.MaxValue)
        {
            throw new ArgumentException("At most 255 addresses fit in one advertisement.", nameof(advertisement));
        }

        int length = advertisement.Length;
        if (destination.Length < length)
        {
            throw new ArgumentException($"Buffer of {destination.Length} bytes is shorter than the {length}-byte message.", nameof(destination));
        }

        var vrrp = destination[..length];
        vrrp.Clear();
        vrrp[VrrpPacketLayout.VersionTypeOffset] = (byte)((advertisement.Version << 4) | VrrpPacketLayout.TypeAdvertisement);
        vrrp[VrrpPacketLayout.VirtualRouterIdOffset] = advertisement.VirtualRouterId;
        vrrp[VrrpPacketLayout.PriorityOffset] = advertisement.Priority;
        vrrp[VrrpPacketLayout.CountOffset] = (byte)advertisement.Addresses.Count;
        if (advertisement.Version == 2)
        {
            vrrp[VrrpPacketLayout.AuthTypeOffset] = (byte)advertisement.AuthType;
            vrrp[VrrpPacketLayout.V2AdverIntOffset] = checked((byte)advertisement.AdverInterval);
            advertisement.AuthData.Span[..Math.Min(advertisement.AuthData.Length, VrrpPacketLayout.V2AuthDataLength)]
                .CopyTo(vrrp[(length - VrrpPacketLayout.V2AuthDataLength)..]);
        }
        else
        {
            BinaryPrimitives.WriteUInt16BigEndian(vrrp[VrrpPacketLayout.V3MaxAdverIntOffset..], (ushort)(advertisement.AdverInterval & VrrpPacketLayout.V3MaxAdverIntMask));
        }

        for (int i = 0; i < advertisement.Addresses.Count; i++)
        {
            var address = advertisement.Addresses[i];
            if (address.AddressFamily != AddressFamily.InterNetwork)
            {
                throw new ArgumentException($"{address} is not an IPv4 address.", nameof(advertisement));
            }

            address.TryWriteBytes(vrrp[(VrrpPacketLayout.AddressesOffset + (i * VrrpPacketLayout.AddressLength))..], out _);
        }

        uint sum = advertisement.Version == 3 && checksumForm == VrrpChecksumForm.PseudoHeader
            ? PseudoHeaderSum(ipSource, ipDestination, length)
            : 0;
        BinaryPrimitives.WriteUInt16BigEndian(vrrp[VrrpPacketLayout.ChecksumOffset..], InternetChecksum.Finish(InternetChecksum.Accumulate(sum, vrrp)));
        return length;
    }

    /// <summary>Encodes into a new array (convenience for tests and tools).</summary>
    public static byte[] Encode(VrrpAdvertisement advertisement, IPAddress ipSource, IPAddress ipDestination, VrrpChecksumForm checksumForm = VrrpChecksumForm.PseudoHeader)
    {
        ArgumentNullException.ThrowIfNull(advertisement);
        var buffer = new byte[advertisement.Length];
        Encode(advertisement, buffer, ipSource, ipDestination, checksumForm);
        return buffer;
    }

    /// <summary>Builds the 8 auth-data bytes of a v2 simple password (ASCII, zero padded, at most 8 characters).</summary>
    public static byte[] PasswordAuthData(string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        var data = new byte[VrrpPacketLayout.V2AuthDataLength];
        System.Text.Encoding.ASCII.GetBytes(password.AsSpan(0, Math.Min(password.Length, data.Length)), data);
        return data;
    }

    // RFC 5798 §5.2.8: the IPv4 pseudo-header is src (4), dst (4), zero (1), protocol 112 (1), VRRP length (2).
    private static uint PseudoHeaderSum(IPAddress source, IPAddress destination, int length)
    {
        Span<byte> header = stackalloc byte[12];
        header.Clear();
        if (!source.TryWriteBytes(header, out int written) || written != 4
            || !destination.TryWriteBytes(header[4..], out written) || written != 4)
        {
            // Not IPv4: a sum that matches nothing real; the message-only form may still match.
            return 0xFFFF;
        }

        header[9] = VrrpPacketLayout.IpProtocol;
        BinaryPrimitives.WriteUInt16BigEndian(header[10..], (ushort)length);
        return InternetChecksum.Accumulate(0, header);
    }
}
