using System.Net;
using L7Gate.Failover;
using L7Gate.Failover.Control;
using L7Gate.Failover.Network;
using L7Gate.Failover.Options;
using L7Gate.Failover.StateMachine;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace L7Gate.Network.Tests.Failover;

/// <summary>Admin maintenance on a master keeps its VIPs for the drain grace, as a planned stop does.</summary>
public sealed class DrainingFailoverControlTests
{
    private static readonly IPAddress Vip = IPAddress.Parse("192.0.2.100");
    private readonly FakeTimeProvider _time = new();
    private readonly RecordingVipManager _interface = new();
    private readonly DrainAwareVipManager _vips;

    public DrainingFailoverControlTests() => _vips = new DrainAwareVipManager(_interface);

    [Fact]
    public async Task EnterMaintenance_Master_VipStaysForTheGraceThenGoes()
    {
        var control = Create(new ScriptedEngine(_vips, VrrpState.Master), advertisementInterval: TimeSpan.FromMilliseconds(500));

        Assert.True(await control.EnterMaintenanceAsync("VI_1", default));

        // The engine handed over and asked for the VIP's removal; the interface still has it.
        Assert.Empty(_interface.Calls);
        _time.Advance(TimeSpan.FromMilliseconds(999));
        Assert.Empty(_interface.Calls);

        _time.Advance(TimeSpan.FromMilliseconds(1));
        await control.LastRelease.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(["remove eth0 192.0.2.100/24"], _interface.Calls);
        Assert.Equal(0, _vips.Holds);
    }

    [Fact]
    public async Task EnterMaintenance_Backup_PassesStraightThrough()
    {
        var engine = new ScriptedEngine(_vips, VrrpState.Backup);
        var control = Create(engine, advertisementInterval: TimeSpan.FromSeconds(1));

        Assert.True(await control.EnterMaintenanceAsync("VI_1", default));

        Assert.Equal(1, engine.MaintenanceCalls);
        Assert.Equal(0, _vips.Holds);
        Assert.Equal(["remove eth0 192.0.2.100/24"], _interface.Calls);
    }

    [Fact]
    public async Task EnterMaintenance_EngineThrows_HoldReleasedAndErrorSurfaces()
    {
        var control = Create(new ScriptedEngine(_vips, VrrpState.Master) { Throws = true }, advertisementInterval: TimeSpan.FromSeconds(1));

        await Assert.ThrowsAsync<InvalidOperationException>(() => control.EnterMaintenanceAsync("VI_1", default));

        Assert.Equal(0, _vips.Holds);
    }

    private DrainingFailoverControl Create(IFailoverControl engine, TimeSpan advertisementInterval)
    {
        var options = new FailoverOptions();
        options.Instances["VI_1"] = new VrrpInstanceOptions { AdvertisementInterval = advertisementInterval };
        return new DrainingFailoverControl(engine, _vips, Microsoft.Extensions.Options.Options.Create(options), _time,
            NullLogger<DrainingFailoverControl>.Instance);
    }

    /// <summary>Stands in for the engine: entering maintenance removes the VIP through the seam, as a handover does.</summary>
    private sealed class ScriptedEngine(IVipManager vips, VrrpState state) : IFailoverControl
    {
        public bool Throws { get; init; }

        public int MaintenanceCalls { get; private set; }

        public IReadOnlyList<FailoverInstanceStatus> Instances =>
            [new("VI_1", "eth0", 51, 3, state, 150, 150, null, ["192.0.2.100/24"], false, null)];

        public async Task<bool> EnterMaintenanceAsync(string instance, CancellationToken cancellationToken)
        {
            MaintenanceCalls++;
            if (Throws)
            {
                throw new InvalidOperationException("engine stopped");
            }

            await vips.RemoveAsync("eth0", Vip, 24, cancellationToken);
            return true;
        }

        public Task<bool> LeaveMaintenanceAsync(string instance, CancellationToken cancellationToken) => Task.FromResult(true);
    }
}
