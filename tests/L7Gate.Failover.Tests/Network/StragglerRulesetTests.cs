using System.Net;
using L7Gate.Failover.Network.Linux.Nftables;

namespace L7Gate.Failover.Tests.Network;

/// <summary>The nftables text of the handover forwarding (applied to a real kernel by the network tests).</summary>
public class StragglerRulesetTests
{
    private static readonly IPAddress Former = IPAddress.Parse("192.0.2.11");
    private static readonly IPAddress[] Vips = [IPAddress.Parse("192.0.2.100"), IPAddress.Parse("192.0.2.101")];

    [Fact]
    public void Install_TwoVips_RecordsSynsHereAndForwardsOtherClientsToTheFormerMaster()
    {
        var ruleset = StragglerRuleset.Install("eth0", 51, Former, Vips);

        Assert.StartsWith("add table netdev l7gate_handover_51_eth0\ndelete table netdev l7gate_handover_51_eth0\n", ruleset, StringComparison.Ordinal);
        Assert.Contains("type filter hook ingress device \"eth0\" priority -500; policy accept;", ruleset, StringComparison.Ordinal);
        Assert.Contains("ip daddr { 192.0.2.100, 192.0.2.101 } tcp flags & (syn | ack) == syn add @local { ip saddr . tcp sport }", ruleset, StringComparison.Ordinal);
        Assert.Contains("ip daddr { 192.0.2.100, 192.0.2.101 } ip saddr . tcp sport != @local fwd ip to 192.0.2.11 device \"eth0\"", ruleset, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("eth0.100", "l7gate_handover_7_eth0_100")]
    [InlineData("br-lan", "l7gate_handover_7_br_lan")]
    public void TableName_InterfaceWithPunctuation_IsAnIdentifier(string interfaceName, string expected) =>
        Assert.Equal(expected, StragglerRuleset.TableName(interfaceName, 7));

    [Theory]
    [InlineData("eth0\" ; flush ruleset ; \"")]
    [InlineData("a b")]
    [InlineData("")]
    public void Install_InterfaceNameThatCouldInjectRules_Refused(string interfaceName) =>
        Assert.Throws<ArgumentException>(() => StragglerRuleset.Install(interfaceName, 51, Former, Vips));

    [Fact]
    public void Install_Ipv6Vip_Refused() =>
        Assert.Throws<ArgumentException>(() => StragglerRuleset.Install("eth0", 51, Former, [IPAddress.IPv6Loopback]));

    [Fact]
    public void Remove_AbsentOrPresent_CreatesThenDeletesSoItNeverFails() =>
        Assert.Equal("add table netdev l7gate_handover_51_eth0\ndelete table netdev l7gate_handover_51_eth0\n", StragglerRuleset.Remove("eth0", 51));
}
