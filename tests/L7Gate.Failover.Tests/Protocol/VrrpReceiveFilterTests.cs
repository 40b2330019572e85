using System.Net;
using L7Gate.Failover.Protocol;

namespace L7Gate.Failover.Tests.Protocol;

public class VrrpReceiveFilterTests
{
    private static readonly IPAddress Own = IPAddress.Parse("192.0.2.12");
    private static readonly IPAddress Stranger = IPAddress.Parse("192.0.2.99");

    private static VrrpReceivePolicy V3Multicast => new() { Version = 3, VirtualRouterId = 51, OwnAddresses = [Own] };

    private static VrrpReceivePolicy V2Password => new()
    {
        Version = 2,
        VirtualRouterId = 51,
        AdverInterval = 1,
        AuthType = VrrpAuthType.SimplePassword,
        AuthData = VrrpCodec.PasswordAuthData("secret12"),
        UnicastPeers = [GoldenPackets.Sender],
        OwnAddresses = [Own],
    };

    private static VrrpDropReason Check(VrrpReceivePolicy policy, byte[] message, IPAddress source, IPAddress destination, byte ttl = 255) =>
        VrrpReceiveFilter.Check(policy, source, destination, ttl, message, out _);

    [Fact]
    public void Check_KeepalivedV3Multicast_Accepted()
    {
        var reason = VrrpReceiveFilter.Check(V3Multicast, GoldenPackets.Sender, GoldenPackets.Multicast, 255, GoldenPackets.V3Multicast, out var advert);

        Assert.Equal(VrrpDropReason.None, reason);
        Assert.Equal(150, advert!.Priority);
    }

    [Fact]
    public void Check_KeepalivedV2UnicastWithRightPassword_Accepted()
    {
        Assert.Equal(VrrpDropReason.None, Check(V2Password, GoldenPackets.V2UnicastPassword, GoldenPackets.Sender, Own));
    }

    [Fact]
    public void Check_Truncated_TooShort()
    {
        Assert.Equal(VrrpDropReason.TooShort, Check(V3Multicast, GoldenPackets.V3Multicast[..4], GoldenPackets.Sender, GoldenPackets.Multicast));
    }

    [Fact]
    public void Check_CountBeyondLength_LengthMismatch()
    {
        Assert.Equal(VrrpDropReason.LengthMismatch, Check(V3Multicast, GoldenPackets.V3Multicast[..10], GoldenPackets.Sender, GoldenPackets.Multicast));
    }

    [Fact]
    public void Check_MulticastTtlNot255_BadTtl()
    {
        Assert.Equal(VrrpDropReason.BadTtl, Check(V3Multicast, GoldenPackets.V3Multicast, GoldenPackets.Sender, GoldenPackets.Multicast, ttl: 254));
    }

    [Fact]
    public void Check_UnicastTtlBelow255_Accepted()
    {
        Assert.Equal(VrrpDropReason.None, Check(V2Password, GoldenPackets.V2UnicastPassword, GoldenPackets.Sender, Own, ttl: 63));
    }

    [Fact]
    public void Check_V2AdvertOnV3Instance_VersionMismatch()
    {
        Assert.Equal(VrrpDropReason.VersionMismatch, Check(V3Multicast, GoldenPackets.V2Multicast, GoldenPackets.Sender, GoldenPackets.Multicast));
    }

    [Fact]
    public void Check_VersionNibble4_UnknownVersion()
    {
        var bytes = (byte[])GoldenPackets.V3Multicast.Clone();
        bytes[0] = 0x41;
        Assert.Equal(VrrpDropReason.UnknownVersion, Check(V3Multicast, bytes, GoldenPackets.Sender, GoldenPackets.Multicast));
    }

    [Fact]
    public void Check_Type2_BadType()
    {
        var bytes = (byte[])GoldenPackets.V3Multicast.Clone();
        bytes[0] = 0x32;
        Assert.Equal(VrrpDropReason.BadType, Check(V3Multicast, bytes, GoldenPackets.Sender, GoldenPackets.Multicast));
    }

    [Fact]
    public void Check_FlippedBit_BadChecksum()
    {
        var bytes = (byte[])GoldenPackets.V3Multicast.Clone();
        bytes[^1] ^= 1;
        Assert.Equal(VrrpDropReason.BadChecksum, Check(V3Multicast, bytes, GoldenPackets.Sender, GoldenPackets.Multicast));
    }

    [Fact]
    public void Check_V2WithoutAuthOnPasswordInstance_AuthTypeMismatch()
    {
        var advert = new VrrpAdvertisement(2, 51, 150, 1, [GoldenPackets.Vip]);
        var bytes = VrrpCodec.Encode(advert, GoldenPackets.Sender, Own);
        Assert.Equal(VrrpDropReason.AuthTypeMismatch, Check(V2Password, bytes, GoldenPackets.Sender, Own));
    }

    [Fact]
    public void Check_V2WrongPassword_AuthFailure()
    {
        var advert = new VrrpAdvertisement(2, 51, 150, 1, [GoldenPackets.Vip]) { AuthType = VrrpAuthType.SimplePassword, AuthData = VrrpCodec.PasswordAuthData("secret13") };
        var bytes = VrrpCodec.Encode(advert, GoldenPackets.Sender, Own);
        Assert.Equal(VrrpDropReason.AuthFailure, Check(V2Password, bytes, GoldenPackets.Sender, Own));
    }

    [Fact]
    public void Check_V2OtherInterval_IntervalMismatch()
    {
        var policy = V2Password with { AdverInterval = 2 };
        Assert.Equal(VrrpDropReason.IntervalMismatch, Check(policy, GoldenPackets.V2UnicastPassword, GoldenPackets.Sender, Own));
    }

    [Fact]
    public void Check_V3OtherInterval_AcceptedForTheBackupToLearn()
    {
        var bytes = VrrpCodec.Encode(new VrrpAdvertisement(3, 51, 150, 10, [GoldenPackets.Vip]), GoldenPackets.Sender, GoldenPackets.Multicast);
        Assert.Equal(VrrpDropReason.None, Check(V3Multicast, bytes, GoldenPackets.Sender, GoldenPackets.Multicast));
    }

    [Fact]
    public void Check_VridNobodyUses_UnknownVrid()
    {
        var policy = V3Multicast with { VirtualRouterId = 52 };
        Assert.Equal(VrrpDropReason.UnknownVrid, Check(policy, GoldenPackets.V3Multicast, GoldenPackets.Sender, GoldenPackets.Multicast));
    }

    [Fact]
    public void Check_VridOfSiblingInstance_OtherInstance()
    {
        var policy = V3Multicast with { VirtualRouterId = 52, SiblingVirtualRouterIds = [51] };
        Assert.Equal(VrrpDropReason.OtherInstance, Check(policy, GoldenPackets.V3Multicast, GoldenPackets.Sender, GoldenPackets.Multicast));
    }

    [Fact]
    public void Check_MulticastAdvertOnUnicastInstance_UnexpectedMulticast()
    {
        var policy = V3Multicast with { UnicastPeers = [GoldenPackets.Sender] };
        Assert.Equal(VrrpDropReason.UnexpectedMulticast, Check(policy, GoldenPackets.V3Multicast, GoldenPackets.Sender, GoldenPackets.Multicast));
    }

    [Fact]
    public void Check_UnicastAdvertOnMulticastInstance_UnexpectedUnicast()
    {
        Assert.Equal(VrrpDropReason.UnexpectedUnicast, Check(V3Multicast, GoldenPackets.V3Unicast, GoldenPackets.Sender, GoldenPackets.Peer));
    }

    [Fact]
    public void Check_UnicastFromNonPeer_SourceNotPeer()
    {
        var bytes = VrrpCodec.Encode(new VrrpAdvertisement(2, 51, 150, 1, [GoldenPackets.Vip]) { AuthType = VrrpAuthType.SimplePassword, AuthData = VrrpCodec.PasswordAuthData("secret12") }, Stranger, Own);
        Assert.Equal(VrrpDropReason.SourceNotPeer, Check(V2Password, bytes, Stranger, Own));
    }

    [Fact]
    public void Check_UnicastFromNonPeerWithCheckOff_Accepted()
    {
        var bytes = VrrpCodec.Encode(new VrrpAdvertisement(2, 51, 150, 1, [GoldenPackets.Vip]) { AuthType = VrrpAuthType.SimplePassword, AuthData = VrrpCodec.PasswordAuthData("secret12") }, Stranger, Own);
        Assert.Equal(VrrpDropReason.None, Check(V2Password with { CheckUnicastSource = false }, bytes, Stranger, Own));
    }

    [Fact]
    public void Check_OwnAdvertLoopedBack_OwnAdvert()
    {
        var bytes = VrrpCodec.Encode(new VrrpAdvertisement(3, 51, 100, 100, [GoldenPackets.Vip]), Own, GoldenPackets.Multicast);
        Assert.Equal(VrrpDropReason.OwnAdvert, Check(V3Multicast, bytes, Own, GoldenPackets.Multicast));
    }

    [Fact]
    public void ToTagValue_EveryReason_HasDistinctSnakeCaseName()
    {
        var names = Enum.GetValues<VrrpDropReason>().Select(r => r.ToTagValue()).ToArray();

        Assert.Equal(names.Length, names.Distinct().Count());
        Assert.DoesNotContain("unknown", names);
        Assert.All(names, n => Assert.Matches("^[a-z_]+$", n));
    }
}
