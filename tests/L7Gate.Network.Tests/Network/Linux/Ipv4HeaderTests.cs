using System.Net;
using L7Gate.Failover.Network.Linux;

namespace L7Gate.Network.Tests.Network.Linux;

public sealed class Ipv4HeaderTests
{
    // keepalived 2.2.7's v3 multicast advert as received by a raw socket (vrrp-notes.md golden vector).
    private static readonly byte[] KeepalivedV3 = Convert.FromHexString("45c0002000010000ff70188fc000020be0000012" + "313396010064d367c0000264");

    [Fact]
    public void TryParse_KeepalivedAdvert_ReadsSourceDestinationTtlAndLengths()
    {
        Assert.True(Ipv4Header.TryParse(KeepalivedV3, out var header));

        Assert.Equal(IPAddress.Parse("192.0.2.11"), header.Source);
        Assert.Equal(IPAddress.Parse("224.0.0.18"), header.Destination);
        Assert.Equal(255, header.Ttl);
        Assert.Equal(112, header.Protocol);
        Assert.Equal(20, header.HeaderLength);
        Assert.Equal(32, header.TotalLength);
    }

    [Fact]
    public void TryParse_HeaderWithOptions_UsesIhlForTheHeaderLength()
    {
        // IHL 6: one 4-byte option (router alert 0x94040000) before the VRRP message.
        var packet = Convert.FromHexString("46c0002400010000ff700000c000020be0000012" + "94040000" + "313396010064d367c0000264");

        Assert.True(Ipv4Header.TryParse(packet, out var header));

        Assert.Equal(24, header.HeaderLength);
        Assert.Equal(36, header.TotalLength);
    }

    [Theory]
    [InlineData("")]
    [InlineData("45c00020")]                                                   // shorter than 20 bytes
    [InlineData("65c0002000010000ff70188fc000020be0000012")]                    // version 6
    [InlineData("44c0002000010000ff70188fc000020be0000012")]                    // IHL 4 (< 5)
    [InlineData("4fc0002000010000ff70188fc000020be0000012")]                    // IHL 15: longer than the packet
    [InlineData("45c0000a00010000ff70188fc000020be0000012")]                    // total length < header length
    public void TryParse_Malformed_ReturnsFalse(string hex)
    {
        Assert.False(Ipv4Header.TryParse(Convert.FromHexString(hex), out _));
    }
}
