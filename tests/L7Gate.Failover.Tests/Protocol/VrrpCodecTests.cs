using System.Buffers.Binary;
using System.Net;
using L7Gate.Failover.Protocol;

namespace L7Gate.Failover.Tests.Protocol;

public class VrrpCodecTests
{
    private static readonly IPAddress[] OneVip = [GoldenPackets.Vip];

    [Fact]
    public void TryDecode_KeepalivedV2Multicast_DecodesEveryField()
    {
        var reason = VrrpCodec.TryDecode(GoldenPackets.V2Multicast, GoldenPackets.Sender, GoldenPackets.Multicast, out var advert);

        Assert.Equal(VrrpDropReason.None, reason);
        Assert.NotNull(advert);
        Assert.Equal(2, advert.Version);
        Assert.Equal(51, advert.VirtualRouterId);
        Assert.Equal(150, advert.Priority);
        Assert.Equal(1, advert.AdverInterval);
        Assert.Equal(TimeSpan.FromSeconds(1), advert.Interval);
        Assert.Equal(OneVip, advert.Addresses);
        Assert.Equal(VrrpAuthType.None, advert.AuthType);
        Assert.Equal(new byte[8], advert.AuthData.ToArray());
    }

    [Fact]
    public void Encode_KeepalivedV2Multicast_MatchesCaptureByteForByte()
    {
        var advert = new VrrpAdvertisement(2, 51, 150, 1, OneVip);

        var bytes = VrrpCodec.Encode(advert, GoldenPackets.Sender, GoldenPackets.Multicast);

        Assert.Equal(GoldenPackets.V2Multicast, bytes);
    }

    [Fact]
    public void TryDecode_KeepalivedV2UnicastWithPassword_DecodesPassword()
    {
        var reason = VrrpCodec.TryDecode(GoldenPackets.V2UnicastPassword, GoldenPackets.Sender, GoldenPackets.Peer, out var advert);

        Assert.Equal(VrrpDropReason.None, reason);
        Assert.Equal(VrrpAuthType.SimplePassword, advert!.AuthType);
        Assert.Equal("secret12"u8.ToArray(), advert.AuthData.ToArray());
        Assert.Equal(OneVip, advert.Addresses);
    }

    [Fact]
    public void Encode_KeepalivedV2UnicastWithPassword_MatchesCaptureByteForByte()
    {
        var advert = new VrrpAdvertisement(2, 51, 150, 1, OneVip)
        {
            AuthType = VrrpAuthType.SimplePassword,
            AuthData = VrrpCodec.PasswordAuthData("secret12"),
        };

        var bytes = VrrpCodec.Encode(advert, GoldenPackets.Sender, GoldenPackets.Peer);

        Assert.Equal(GoldenPackets.V2UnicastPassword, bytes);
    }

    [Fact]
    public void TryDecode_KeepalivedV3Multicast_DecodesWithPseudoHeaderChecksum()
    {
        var reason = VrrpCodec.TryDecode(GoldenPackets.V3Multicast, GoldenPackets.Sender, GoldenPackets.Multicast, out var advert);

        Assert.Equal(VrrpDropReason.None, reason);
        Assert.Equal(3, advert!.Version);
        Assert.Equal(51, advert.VirtualRouterId);
        Assert.Equal(150, advert.Priority);
        Assert.Equal(100, advert.AdverInterval);
        Assert.Equal(TimeSpan.FromSeconds(1), advert.Interval);
        Assert.Equal(OneVip, advert.Addresses);
        Assert.Equal(VrrpChecksumForm.PseudoHeader, advert.ChecksumForm);
    }

    [Fact]
    public void Encode_KeepalivedV3Multicast_MatchesCaptureByteForByte()
    {
        var bytes = VrrpCodec.Encode(new VrrpAdvertisement(3, 51, 150, 100, OneVip), GoldenPackets.Sender, GoldenPackets.Multicast);

        Assert.Equal(GoldenPackets.V3Multicast, bytes);
    }

    [Fact]
    public void TryDecode_KeepalivedV3UnicastToPeer_DecodesWithPeerInPseudoHeader()
    {
        var reason = VrrpCodec.TryDecode(GoldenPackets.V3Unicast, GoldenPackets.Sender, GoldenPackets.Peer, out var advert);

        Assert.Equal(VrrpDropReason.None, reason);
        Assert.Equal(VrrpChecksumForm.PseudoHeader, advert!.ChecksumForm);
        Assert.Equal(OneVip, advert.Addresses);
    }

    [Fact]
    public void Encode_KeepalivedV3UnicastToPeer_MatchesCaptureByteForByte()
    {
        var bytes = VrrpCodec.Encode(new VrrpAdvertisement(3, 51, 150, 100, OneVip), GoldenPackets.Sender, GoldenPackets.Peer);

        Assert.Equal(GoldenPackets.V3Unicast, bytes);
    }

    [Fact]
    public void TryDecode_Issue1175V3Unicast_DecodesEveryField()
    {
        var reason = VrrpCodec.TryDecode(GoldenPackets.Issue1175, GoldenPackets.Issue1175Source, GoldenPackets.Issue1175Destination, out var advert);

        Assert.Equal(VrrpDropReason.None, reason);
        Assert.Equal(3, advert!.Version);
        Assert.Equal(88, advert.VirtualRouterId);
        Assert.Equal(198, advert.Priority);
        Assert.Equal(100, advert.AdverInterval);
        Assert.Equal([IPAddress.Parse("10.195.76.227")], advert.Addresses);
        Assert.Equal(VrrpChecksumForm.PseudoHeader, advert.ChecksumForm);
    }

    [Fact]
    public void Encode_Issue1175V3Unicast_MatchesPublishedBytes()
    {
        var advert = new VrrpAdvertisement(3, 88, 198, 100, [IPAddress.Parse("10.195.76.227")]);

        var bytes = VrrpCodec.Encode(advert, GoldenPackets.Issue1175Source, GoldenPackets.Issue1175Destination);

        Assert.Equal(GoldenPackets.Issue1175, bytes);
    }

    [Fact]
    public void Encode_Issue1175MessageOnlyForm_ChecksumIsB09B()
    {
        var advert = new VrrpAdvertisement(3, 88, 198, 100, [IPAddress.Parse("10.195.76.227")]);

        var bytes = VrrpCodec.Encode(advert, GoldenPackets.Issue1175Source, GoldenPackets.Issue1175Destination, VrrpChecksumForm.MessageOnly);

        Assert.Equal(GoldenPackets.Issue1175MessageOnlyChecksum, BinaryPrimitives.ReadUInt16BigEndian(bytes.AsSpan(6)));
    }

    [Fact]
    public void TryDecode_Issue1175MessageOnlyForm_AcceptedAndReported()
    {
        var bytes = (byte[])GoldenPackets.Issue1175.Clone();
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(6), GoldenPackets.Issue1175MessageOnlyChecksum);

        var reason = VrrpCodec.TryDecode(bytes, GoldenPackets.Issue1175Source, GoldenPackets.Issue1175Destination, out var advert);

        Assert.Equal(VrrpDropReason.None, reason);
        Assert.Equal(VrrpChecksumForm.MessageOnly, advert!.ChecksumForm);
    }

    [Fact]
    public void GoldenIpHeaders_CarryTtl255Protocol112AndTheExpectedAddresses()
    {
        foreach (var (ip, destination) in new[]
        {
            (GoldenPackets.V2MulticastIp, GoldenPackets.Multicast), (GoldenPackets.V2UnicastPasswordIp, GoldenPackets.Peer),
            (GoldenPackets.V3MulticastIp, GoldenPackets.Multicast), (GoldenPackets.V3UnicastIp, GoldenPackets.Peer),
        })
        {
            Assert.Equal(255, ip[8]);
            Assert.Equal(112, ip[9]);
            Assert.Equal(0xC0, ip[1]);
            Assert.Equal(GoldenPackets.Sender, new IPAddress(ip.AsSpan(12, 4)));
            Assert.Equal(destination, new IPAddress(ip.AsSpan(16, 4)));
        }
    }

    [Theory]
    [InlineData(2, 0)]
    [InlineData(2, 3)]
    [InlineData(3, 1)]
    [InlineData(3, 20)]
    public void EncodeThenDecode_ManyAddresses_RoundTrips(int version, int count)
    {
        var addresses = Enumerable.Range(1, count).Select(i => IPAddress.Parse($"198.51.100.{i}")).ToArray();
        var advert = new VrrpAdvertisement(version, 7, 254, version == 2 ? (ushort)3 : (ushort)4095, addresses);

        var bytes = VrrpCodec.Encode(advert, GoldenPackets.Sender, GoldenPackets.Multicast);
        var reason = VrrpCodec.TryDecode(bytes, GoldenPackets.Sender, GoldenPackets.Multicast, out var decoded);

        Assert.Equal(VrrpDropReason.None, reason);
        Assert.Equal(advert.Length, bytes.Length);
        Assert.Equal(addresses, decoded!.Addresses);
        Assert.Equal(advert.AdverInterval, decoded.AdverInterval);
        Assert.Equal(254, decoded.Priority);
    }

    [Fact]
    public void TryDecode_EthernetPaddingAfterMessage_Tolerated()
    {
        var padded = GoldenPackets.V3Multicast.Concat(new byte[34]).ToArray();

        var reason = VrrpCodec.TryDecode(padded, GoldenPackets.Sender, GoldenPackets.Multicast, out var advert);

        Assert.Equal(VrrpDropReason.None, reason);
        Assert.Single(advert!.Addresses);
    }

    [Fact]
    public void TryDecode_ShorterThanHeader_TooShort()
    {
        Assert.Equal(VrrpDropReason.TooShort, VrrpCodec.TryDecode(GoldenPackets.V3Multicast.AsSpan(0, 7), GoldenPackets.Sender, GoldenPackets.Multicast, out var advert));
        Assert.Null(advert);
        Assert.Equal(VrrpDropReason.TooShort, VrrpCodec.TryDecode([], GoldenPackets.Sender, GoldenPackets.Multicast, out _));
    }

    [Fact]
    public void TryDecode_CountLargerThanPayload_LengthMismatch()
    {
        var bytes = (byte[])GoldenPackets.V3Multicast.Clone();
        bytes[3] = 2;

        Assert.Equal(VrrpDropReason.LengthMismatch, VrrpCodec.TryDecode(bytes, GoldenPackets.Sender, GoldenPackets.Multicast, out _));
    }

    [Fact]
    public void TryDecode_V2WithoutAuthData_LengthMismatch()
    {
        Assert.Equal(VrrpDropReason.LengthMismatch, VrrpCodec.TryDecode(GoldenPackets.V2Multicast.AsSpan(0, 12), GoldenPackets.Sender, GoldenPackets.Multicast, out _));
    }

    [Theory]
    [InlineData(0x11)]
    [InlineData(0x41)]
    [InlineData(0x01)]
    public void TryDecode_VersionNot2Or3_UnknownVersion(byte versionType)
    {
        var bytes = (byte[])GoldenPackets.V3Multicast.Clone();
        bytes[0] = versionType;

        Assert.Equal(VrrpDropReason.UnknownVersion, VrrpCodec.TryDecode(bytes, GoldenPackets.Sender, GoldenPackets.Multicast, out _));
    }

    [Fact]
    public void TryDecode_TypeNotAdvertisement_BadType()
    {
        var bytes = (byte[])GoldenPackets.V3Multicast.Clone();
        bytes[0] = 0x32;

        Assert.Equal(VrrpDropReason.BadType, VrrpCodec.TryDecode(bytes, GoldenPackets.Sender, GoldenPackets.Multicast, out _));
    }

    [Fact]
    public void TryDecode_CorruptedV2Byte_BadChecksum()
    {
        var bytes = (byte[])GoldenPackets.V2Multicast.Clone();
        bytes[2] = 151;

        Assert.Equal(VrrpDropReason.BadChecksum, VrrpCodec.TryDecode(bytes, GoldenPackets.Sender, GoldenPackets.Multicast, out _));
    }

    [Fact]
    public void TryDecode_V3PseudoHeaderForAnotherDestination_BadChecksum()
    {
        // The unicast capture's checksum covers 192.0.2.12; received as if sent to the group it matches neither form.
        Assert.Equal(VrrpDropReason.BadChecksum, VrrpCodec.TryDecode(GoldenPackets.V3Unicast, GoldenPackets.Sender, GoldenPackets.Multicast, out _));
    }

    [Fact]
    public void TryDecode_RandomBytes_NeverThrows()
    {
        var random = new Random(1234);
        var buffer = new byte[64];
        for (int i = 0; i < 20000; i++)
        {
            random.NextBytes(buffer);
            buffer[0] = (byte)(random.Next(2) == 0 ? 0x21 : 0x31);
            var length = random.Next(buffer.Length + 1);
            _ = VrrpCodec.TryDecode(buffer.AsSpan(0, length), GoldenPackets.Sender, GoldenPackets.Multicast, out _);
        }
    }

    [Fact]
    public void PasswordAuthData_ShortPassword_ZeroPadded()
    {
        Assert.Equal(new byte[] { (byte)'a', (byte)'b', 0, 0, 0, 0, 0, 0 }, VrrpCodec.PasswordAuthData("ab"));
    }
}
