using System.Net;
using L7Gate.Failover.Network;
using L7Gate.Failover.Options;
using L7Gate.Failover.StateMachine;
using L7Gate.Failover.Tests.Protocol;
using Microsoft.Extensions.Time.Testing;

namespace L7Gate.Failover.Tests.Runner;

/// <summary>The keepalived 2.2.7 captures of vrrp-notes, replayed every second, keep an L7Gate backup a backup.</summary>
public class KeepalivedCaptureTests
{
    private static readonly TimeSpan S = TimeSpan.FromSeconds(1);

    [Theory]
    [InlineData(3, false)]
    [InlineData(2, false)]
    [InlineData(2, true)]
    [InlineData(3, true)]
    public async Task KeepalivedMasterAdverts_Replayed_L7GateStaysBackupAndFollowsIt(int version, bool unicast)
    {
        var options = TestNode.Options(priority: 100);
        options.Version = version;
        if (unicast)
        {
            options.UnicastPeers = ["192.0.2.11"];
            if (version == 2)
            {
                options.Authentication = new VrrpAuthenticationOptions { Password = "secret12" };
            }
        }

        var (message, destination) = (version, unicast) switch
        {
            (2, false) => (GoldenPackets.V2Multicast, GoldenPackets.Multicast),
            (2, true) => (GoldenPackets.V2UnicastPassword, GoldenPackets.Peer),
            (3, false) => (GoldenPackets.V3Multicast, GoldenPackets.Multicast),
            _ => (GoldenPackets.V3Unicast, GoldenPackets.Peer),
        };
        var time = new FakeTimeProvider();
        await using var node = new TestNode("192.0.2.12", options, time);
        await node.StartAsync();

        for (int i = 0; i < 10; i++)
        {
            node.Transport.Inject(new ReceivedVrrpPacket(GoldenPackets.Sender, destination, 255, message));
            await FakeClock.RunAsync(time, S);
        }

        Assert.Equal(VrrpState.Backup, node.State);
        Assert.Equal("192.0.2.11", node.Runner.Status.MasterAddress);
        Assert.False(node.HasVip);

        // keepalived stops (SIGTERM: priority 0): the L7Gate backup takes over after Skew_Time, not the full interval.
        var leaving = (byte[])message.Clone();
        leaving[2] = 0;
        FixChecksum(leaving, version, destination);
        node.Transport.Inject(new ReceivedVrrpPacket(GoldenPackets.Sender, destination, 255, leaving));
        var took = await FakeClock.RunAsync(time, 5 * S, () => node.State == VrrpState.Master, step: TimeSpan.FromMilliseconds(50));
        Assert.Equal(VrrpState.Master, node.State);
        Assert.InRange(took, TimeSpan.FromMilliseconds(600), TimeSpan.FromMilliseconds(700)); // Skew_Time at 100: 0.609 s
        Assert.True(node.HasVip);
    }

    private static void FixChecksum(byte[] message, int version, IPAddress destination)
    {
        var advert = new Failover.Protocol.VrrpAdvertisement(version, message[1], message[2], version == 2 ? message[5] : (ushort)(((message[4] & 0x0F) << 8) | message[5]), [GoldenPackets.Vip])
        {
            AuthType = version == 2 ? (Failover.Protocol.VrrpAuthType)message[4] : default,
            AuthData = version == 2 ? message.AsMemory(message.Length - 8) : default,
        };
        Failover.Protocol.VrrpCodec.Encode(advert, GoldenPackets.Sender, destination).CopyTo(message, 0);
    }
}
