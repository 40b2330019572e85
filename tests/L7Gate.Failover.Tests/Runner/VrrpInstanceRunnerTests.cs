using System.Diagnostics.Metrics;
using System.Net;
using L7Gate.Failover.Network;
using L7Gate.Failover.Options;
using L7Gate.Failover.Protocol;
using L7Gate.Failover.StateMachine;
using L7Gate.Failover.Tests.Fakes;
using Microsoft.Extensions.Time.Testing;

namespace L7Gate.Failover.Tests.Runner;

public class VrrpInstanceRunnerTests
{
    private static readonly TimeSpan S = TimeSpan.FromSeconds(1);
    private static readonly IPAddress Peer = IPAddress.Parse("192.0.2.12");

    [Fact]
    public async Task StartAsync_VipLeftByCrash_RemovedBeforeElection()
    {
        var time = new FakeTimeProvider();
        await using var node = new TestNode("192.0.2.11", TestNode.Options(), time);
        node.Vips.Preload("eth0", TestNode.Vip, 24);

        await node.StartAsync();

        Assert.False(node.HasVip);
        Assert.Equal(["remove 192.0.2.100/24 eth0"], node.Vips.Log);
    }

    [Fact]
    public async Task BecomingMaster_GarpBurstThenSecondBurstAfterDelay()
    {
        var time = new FakeTimeProvider();
        await using var node = new TestNode("192.0.2.11", TestNode.Options(), time);
        await node.StartAsync();

        await FakeClock.RunAsync(time, 4 * S, () => node.State == VrrpState.Master);
        Assert.Equal(5, node.Garp.Sent.Count);
        Assert.All(node.Garp.Sent, g => Assert.Equal(("eth0", IPAddress.Parse(TestNode.Vip)), g));

        await FakeClock.RunAsync(time, 4.8 * S);
        Assert.Equal(5, node.Garp.Sent.Count);
        await FakeClock.RunAsync(time, 0.3 * S);
        Assert.Equal(10, node.Garp.Sent.Count);
        await FakeClock.RunAsync(time, 20 * S);
        Assert.Equal(10, node.Garp.Sent.Count); // keepalived default: no periodic refresh
    }

    [Fact]
    public async Task BecomingMaster_GarpRefreshConfigured_RefreshesWithRefreshRepeat()
    {
        var time = new FakeTimeProvider();
        var options = TestNode.Options();
        options.Garp = new GarpOptions { Repeat = 2, Delay = TimeSpan.Zero, Refresh = 10 * S, RefreshRepeat = 1 };
        await using var node = new TestNode("192.0.2.11", options, time);
        await node.StartAsync();
        await FakeClock.RunAsync(time, 4 * S, () => node.State == VrrpState.Master);
        Assert.Equal(2, node.Garp.Sent.Count);

        await FakeClock.RunAsync(time, 21 * S);

        Assert.Equal(4, node.Garp.Sent.Count);
    }

    [Fact]
    public async Task StateChange_NotifyScripts_PerStateScriptAndAnyWithKeepalivedArguments()
    {
        var time = new FakeTimeProvider();
        var options = TestNode.Options(priority: 150);
        options.Notify = new VrrpNotifyOptions { Master = "/etc/l7gate/master.sh", Backup = "/etc/l7gate/backup.sh", Any = "/etc/l7gate/notify.sh" };
        await using var node = new TestNode("192.0.2.11", options, time);
        await node.StartAsync();

        await FakeClock.RunAsync(time, 4 * S, () => node.State == VrrpState.Master);

        Assert.Equal(
            [("/etc/l7gate/backup.sh", []), ("/etc/l7gate/notify.sh", ["INSTANCE", "VI_1", "BACKUP", "150"]),
             ("/etc/l7gate/master.sh", []), ("/etc/l7gate/notify.sh", ["INSTANCE", "VI_1", "MASTER", "150"])],
            node.Notify.Started.Select(s => (s.Path, s.Arguments)).ToArray());
    }

    [Fact]
    public async Task TrackInterface_NegativeWeightFails_PriorityDropsAndBetterBackupTakesOver()
    {
        var time = new FakeTimeProvider();
        var lan = new FakeVrrpSegment();
        var optionsA = TestNode.Options(priority: 150);
        optionsA.TrackInterfaces = [new TrackInterfaceOptions { Name = "eth1", Weight = -60 }];
        await using var a = new TestNode("192.0.2.11", optionsA, time, lan);
        await using var b = new TestNode("192.0.2.12", TestNode.Options(priority: 100), time, lan);
        await a.StartAsync();
        await b.StartAsync();
        await FakeClock.RunAsync(time, 4 * S, () => a.State == VrrpState.Master);

        a.Links.Up["eth1"] = false;
        await FakeClock.RunAsync(time, 6 * S, () => b.State == VrrpState.Master && a.State == VrrpState.Backup);

        Assert.Equal(90, a.Runner.EffectivePriority);
        Assert.Equal(VrrpState.Backup, a.State);
        Assert.Equal(VrrpState.Master, b.State);
        Assert.Contains((byte)90, a.Transport.SentPriorities);
    }

    [Fact]
    public async Task TrackInterface_PositiveWeight_AddedWhileUp()
    {
        var time = new FakeTimeProvider();
        var options = TestNode.Options(priority: 100);
        options.TrackInterfaces = [new TrackInterfaceOptions { Name = "bond0", Weight = 20 }];
        await using var node = new TestNode("192.0.2.11", options, time);
        await node.StartAsync();
        Assert.Equal(120, node.Runner.EffectivePriority);

        node.Links.Up["bond0"] = false;
        await FakeClock.RunAsync(time, S, () => node.Runner.EffectivePriority == 100);

        Assert.Equal(100, node.Runner.EffectivePriority);
    }

    [Fact]
    public async Task TrackProxy_Weight0FailsAfterFall_FaultReleasesVipAndPeerTakesOver()
    {
        var time = new FakeTimeProvider();
        var lan = new FakeVrrpSegment();
        var optionsA = TestNode.Options(priority: 150);
        optionsA.TrackProxy = new TrackProxyOptions { Weight = 0, Fall = 2, Rise = 2, Interval = S };
        await using var a = new TestNode("192.0.2.11", optionsA, time, lan, new FakeProxyHealthProbe());
        await using var b = new TestNode("192.0.2.12", TestNode.Options(priority: 100), time, lan);
        await a.StartAsync();
        await b.StartAsync();
        await FakeClock.RunAsync(time, 4 * S, () => a.State == VrrpState.Master);

        a.Probe!.Healthy = false;
        var calls = a.Probe.Calls;
        await FakeClock.RunAsync(time, 1.05 * S, step: TimeSpan.FromMilliseconds(50));
        Assert.Equal(VrrpState.Master, a.State); // one failure is not enough with Fall 2
        await FakeClock.RunAsync(time, 3 * S, () => a.State == VrrpState.Fault && b.State == VrrpState.Master, step: TimeSpan.FromMilliseconds(50));

        Assert.True(a.Probe.Calls >= calls + 2);
        Assert.Equal(VrrpState.Fault, a.State);
        Assert.False(a.HasVip);
        Assert.Equal(0, a.Transport.SentPriorities[^1]); // priority 0 on leaving, so b took over after Skew_Time
        Assert.Equal(VrrpState.Master, b.State);

        a.Probe.Healthy = true;
        await FakeClock.RunAsync(time, 10 * S, () => a.State == VrrpState.Master);
        Assert.Equal(VrrpState.Master, a.State); // rise 2, back to Backup, then preempts with 150
        Assert.Equal(VrrpState.Backup, b.State);
    }

    [Fact]
    public async Task OwnInterfaceDown_Master_GoesToFaultAndBackWhenUp()
    {
        var time = new FakeTimeProvider();
        await using var node = new TestNode("192.0.2.11", TestNode.Options(), time);
        await node.StartAsync();
        await FakeClock.RunAsync(time, 4 * S, () => node.State == VrrpState.Master);

        node.Links.Up["eth0"] = false;
        await FakeClock.RunAsync(time, S, () => node.State == VrrpState.Fault);
        Assert.Equal(VrrpState.Fault, node.State);
        Assert.False(node.HasVip);

        node.Links.Up["eth0"] = true;
        await FakeClock.RunAsync(time, S, () => node.State == VrrpState.Backup);
        Assert.Equal(VrrpState.Backup, node.State);
    }

    [Fact]
    public async Task EnterMaintenanceAsync_Master_KeepsVipUntilPeerAdvertisesAsMasterThenReleases()
    {
        var time = new FakeTimeProvider();
        var lan = new FakeVrrpSegment();
        await using var a = new TestNode("192.0.2.11", TestNode.Options(priority: 150), time, lan);
        await using var b = new TestNode("192.0.2.12", TestNode.Options(priority: 100), time, lan);
        await a.StartAsync();
        await b.StartAsync();
        await FakeClock.RunAsync(time, 4 * S, () => a.State == VrrpState.Master);

        var handover = a.Runner.EnterMaintenanceAsync(CancellationToken.None);
        await Eventually.TrueAsync(() => a.Transport.SentPriorities[^1] == 0, "a advertises priority 0");
        await Task.Delay(50);
        Assert.False(handover.IsCompleted);
        Assert.True(a.HasVip, "the leaving master keeps serving until the peer is master");

        // b takes over after its Skew_Time (0.61 s), advertises, and only then does a release the VIP.
        await FakeClock.RunAsync(time, S, () => handover.IsCompleted, step: TimeSpan.FromMilliseconds(50));
        Assert.True(await handover);
        Assert.Equal(VrrpState.Master, b.State);
        Assert.Equal(VrrpState.Backup, a.State);
        Assert.False(a.HasVip);
        Assert.True(a.Runner.Status.Maintenance);

        // In maintenance a never takes the VIP back, even though its priority is higher.
        await FakeClock.RunAsync(time, 10 * S);
        Assert.Equal(VrrpState.Master, b.State);

        Assert.True(await a.Runner.LeaveMaintenanceAsync(CancellationToken.None));
        await FakeClock.RunAsync(time, 5 * S, () => a.State == VrrpState.Master);
        Assert.Equal(VrrpState.Master, a.State);
        Assert.False(a.Runner.Status.Maintenance);
    }

    [Fact]
    public async Task EnterMaintenanceAsync_NoPeer_ReleasesAfterHandoverTimeout()
    {
        var time = new FakeTimeProvider();
        await using var node = new TestNode("192.0.2.11", TestNode.Options(), time);
        await node.StartAsync();
        await FakeClock.RunAsync(time, 4 * S, () => node.State == VrrpState.Master);

        var handover = node.Runner.EnterMaintenanceAsync(CancellationToken.None);
        var waited = await FakeClock.RunAsync(time, 10 * S, () => handover.IsCompleted);

        Assert.True(await handover);
        Assert.False(node.HasVip);
        Assert.InRange(waited, 3.9 * S, 4.3 * S); // default 3 × interval + 1 s
    }

    [Fact]
    public async Task EnterMaintenanceAsync_Backup_CompletesAtOnce()
    {
        var time = new FakeTimeProvider();
        await using var node = new TestNode("192.0.2.11", TestNode.Options(), time);
        await node.StartAsync();

        Assert.True(await node.Runner.EnterMaintenanceAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5)));
        await FakeClock.RunAsync(time, 10 * S);
        Assert.Equal(VrrpState.Backup, node.State);
    }

    [Fact]
    public async Task StopAsync_Master_HandsOverToPeerThenRemovesVipAndNotifiesStop()
    {
        var time = new FakeTimeProvider();
        var lan = new FakeVrrpSegment();
        var optionsA = TestNode.Options(priority: 150);
        optionsA.Notify = new VrrpNotifyOptions { Stop = "/etc/l7gate/stop.sh" };
        var a = new TestNode("192.0.2.11", optionsA, time, lan);
        await using var b = new TestNode("192.0.2.12", TestNode.Options(priority: 100), time, lan);
        await a.StartAsync();
        await b.StartAsync();
        await FakeClock.RunAsync(time, 4 * S, () => a.State == VrrpState.Master);

        var stop = a.Runner.StopAsync(CancellationToken.None);
        await FakeClock.RunAsync(time, 2 * S, () => stop.IsCompleted, step: TimeSpan.FromMilliseconds(50));
        await stop.WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal(VrrpState.Master, b.State);
        Assert.False(a.HasVip);
        Assert.Equal(VrrpState.Initialize, a.State);
        Assert.Contains(a.Notify.Started, s => s.Path == "/etc/l7gate/stop.sh");
        Assert.True(a.Transport.Disposed);
        await a.DisposeAsync();
    }

    [Fact]
    public async Task ReceivedGarbage_CountedByReasonAndStateUnchanged()
    {
        var time = new FakeTimeProvider();
        await using var node = new TestNode("192.0.2.11", TestNode.Options(), time);
        var dropped = new List<(long Value, string? Reason)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Scope == node.Meters && instrument.Name == "l7gate.vrrp.adverts.dropped")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            lock (dropped)
            {
                dropped.Add((value, tags.ToArray().First(t => t.Key == "reason").Value as string));
            }
        });
        listener.Start();
        await node.StartAsync();

        node.Transport.Inject(new ReceivedVrrpPacket(Peer, VrrpReceiveFilter.MulticastGroup, 255, new byte[] { 0x31, 0x33 }));
        node.Transport.InjectAdvert(new VrrpAdvertisement(3, 51, 200, 100, [IPAddress.Parse(TestNode.Vip)]), Peer, ttl: 64);
        node.Transport.InjectAdvert(new VrrpAdvertisement(2, 51, 200, 1, [IPAddress.Parse(TestNode.Vip)]), Peer);
        node.Transport.InjectAdvert(new VrrpAdvertisement(3, 77, 200, 100, [IPAddress.Parse(TestNode.Vip)]), Peer);
        await Eventually.TrueAsync(() => { lock (dropped) { return dropped.Count == 4; } }, "four drops counted");

        Assert.Equal(["too_short", "bad_ttl", "version_mismatch", "unknown_vrid"], dropped.Select(d => d.Reason));
        Assert.Null(node.Runner.Status.MasterAddress);
        Assert.Equal(VrrpState.Backup, node.State);
    }

    [Fact]
    public async Task UnicastPeers_AdvertsGoToEachPeerWithPerPeerChecksum()
    {
        var time = new FakeTimeProvider();
        var options = TestNode.Options(priority: 255);
        options.UnicastPeers = ["192.0.2.12", "192.0.2.13"];
        await using var node = new TestNode("192.0.2.11", options, time);

        await node.StartAsync(VrrpState.Master);

        var sent = node.Transport.Sent.ToArray();
        Assert.Equal([IPAddress.Parse("192.0.2.12"), IPAddress.Parse("192.0.2.13")], sent.Select(s => s.Destination));
        Assert.False(node.Transport.JoinedMulticast);
        foreach (var (message, destination) in sent)
        {
            Assert.Equal(VrrpDropReason.None, VrrpCodec.TryDecode(message, node.Address, destination, out var advert));
            Assert.Equal(VrrpChecksumForm.PseudoHeader, advert!.ChecksumForm);
        }
    }

    [Fact]
    public async Task V3ChecksumAsV2_SendsMessageOnlyChecksum()
    {
        var time = new FakeTimeProvider();
        var options = TestNode.Options(priority: 255);
        options.V3ChecksumAsV2 = true;
        await using var node = new TestNode("192.0.2.11", options, time);

        await node.StartAsync(VrrpState.Master);

        var (message, destination) = node.Transport.Sent.First();
        Assert.Equal(VrrpDropReason.None, VrrpCodec.TryDecode(message, node.Address, destination, out var advert));
        Assert.Equal(VrrpChecksumForm.MessageOnly, advert!.ChecksumForm);
    }

    [Fact]
    public async Task V2WithPassword_SendsKeepalivedCompatibleAdvert()
    {
        var time = new FakeTimeProvider();
        var options = TestNode.Options(priority: 255);
        options.Version = 2;
        options.Authentication = new VrrpAuthenticationOptions { Password = "secret12" };
        options.UnicastPeers = ["192.0.2.12"];
        options.Priority = 150;
        await using var node = new TestNode("192.0.2.11", options, time);
        await node.StartAsync();

        await FakeClock.RunAsync(time, 4 * S, () => node.State == VrrpState.Master);

        // Same settings as the keepalived 2.2.7 capture: the bytes must match it exactly.
        Assert.Equal(Protocol.GoldenPackets.V2UnicastPassword, node.Transport.Sent.First().Message);
    }

    [Fact]
    public async Task NoIpv4AddressYet_FaultUntilAddressAppears()
    {
        var time = new FakeTimeProvider();
        await using var node = new TestNode("192.0.2.11", TestNode.Options(), time);
        node.Links.Primary["eth0"] = null;

        await node.Runner.StartAsync(CancellationToken.None);
        await Eventually.TrueAsync(() => node.Runner.Status.State == VrrpState.Fault, "fault without an address");
        Assert.Empty(node.Transports.Opened);

        node.Links.Primary["eth0"] = node.Address;
        await FakeClock.RunAsync(time, S, () => node.State == VrrpState.Backup);
        Assert.Equal(VrrpState.Backup, node.Runner.Status.State);
    }

    [Fact]
    public async Task Status_Master_ReportsEverythingTheAdminApiShows()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        await using var node = new TestNode("192.0.2.11", TestNode.Options(priority: 120), time);
        await node.StartAsync();
        await FakeClock.RunAsync(time, 4 * S, () => node.State == VrrpState.Master);

        var status = node.Runner.Status;

        Assert.Equal(("VI_1", "eth0", 51, 3, VrrpState.Master, 120, 120), (status.Name, status.Interface, status.VirtualRouterId, status.Version, status.State, status.Priority, status.EffectivePriority));
        Assert.Equal("192.0.2.11", status.MasterAddress);
        Assert.Equal(["192.0.2.100/24"], status.VirtualIPs);
        Assert.False(status.Maintenance);
        Assert.NotNull(status.LastTransitionAt);
        Assert.InRange(status.LastTransitionAt!.Value, time.Start + (3 * S), time.Start + (4 * S));
    }
}
