using System.Net;
using L7Gate.Failover.Network.Linux.Netlink;

namespace L7Gate.Network.Tests.Network.Linux.Netlink;

public sealed class AddressMessageTests
{
    [Fact]
    public void Change_NewAddress_IsTheRequestIpAddrAddSends()
    {
        var message = AddressMessage.Change(NetlinkConstants.RTM_NEWADDR, interfaceIndex: 2, IPAddress.Parse("192.0.2.100"), 24, sequence: 7);

        // nlmsghdr: len 40, RTM_NEWADDR (20), REQUEST|ACK|EXCL|CREATE (0x605), seq 7, pid 0
        // ifaddrmsg: AF_INET, /24, flags 0, scope universe, index 2
        // IFA_LOCAL and IFA_ADDRESS = 192.0.2.100
        Assert.Equal(
            "28000000" + "1400" + "0506" + "07000000" + "00000000" +
            "02" + "18" + "00" + "00" + "02000000" +
            "0800" + "0200" + "c0000264" +
            "0800" + "0100" + "c0000264",
            Convert.ToHexString(message).ToLowerInvariant());
    }

    [Fact]
    public void Change_DeleteAddress_CarriesOnlyTheLocalAddressSoAnyPrefixMatches()
    {
        var message = AddressMessage.Change(NetlinkConstants.RTM_DELADDR, interfaceIndex: 3, IPAddress.Parse("192.0.2.100"), 24, sequence: 9);

        Assert.Equal(
            "20000000" + "1500" + "0500" + "09000000" + "00000000" +
            "02" + "18" + "00" + "00" + "03000000" +
            "0800" + "0200" + "c0000264",
            Convert.ToHexString(message).ToLowerInvariant());
    }

    [Fact]
    public void TryReadIPv4_DumpEntry_ReadsIndexLocalAndSecondaryFlag()
    {
        // ifaddrmsg AF_INET /24 flags SECONDARY scope 0 index 2, IFA_ADDRESS then IFA_LOCAL.
        var payload = Convert.FromHexString("02180100" + "02000000" + "08000100c0000264" + "08000200c0000264");

        Assert.True(AddressMessage.TryReadIPv4(payload, out var index, out var local, out var secondary));

        Assert.Equal(2, index);
        Assert.Equal(IPAddress.Parse("192.0.2.100"), local);
        Assert.True(secondary);
    }

    [Theory]
    [InlineData("0a400000" + "02000000")]                       // AF_INET6 entry
    [InlineData("0218")]                                         // truncated ifaddrmsg
    [InlineData("02180000" + "02000000" + "ff000200c0000264")]  // attribute longer than the message
    public void TryReadIPv4_NotAUsableIPv4Entry_ReturnsFalse(string hex)
    {
        Assert.False(AddressMessage.TryReadIPv4(Convert.FromHexString(hex), out _, out _, out _));
    }
}
