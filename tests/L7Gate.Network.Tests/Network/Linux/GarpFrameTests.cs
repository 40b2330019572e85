using System.Net;
using System.Net.NetworkInformation;
using L7Gate.Failover.Network.Linux;

namespace L7Gate.Network.Tests.Network.Linux;

public sealed class GarpFrameTests
{
    [Fact]
    public void Build_Vip_IsBroadcastArpRequestWithSenderAndTargetTheVip()
    {
        var frame = GarpFrame.Build(PhysicalAddress.Parse("02-00-5E-00-01-33"), IPAddress.Parse("192.0.2.100"));

        Assert.Equal(
            "ffffffffffff" + "02005e000133" + "0806" +        // Ethernet: broadcast, from the NIC, ARP
            "0001" + "0800" + "06" + "04" + "0001" +           // Ethernet/IPv4, request
            "02005e000133" + "c0000264" +                      // sender: NIC MAC, VIP
            "000000000000" + "c0000264",                       // target: unknown MAC, VIP
            Convert.ToHexString(frame)[..84].ToLowerInvariant());
    }
}
