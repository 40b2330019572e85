using System.Net;
using L7Gate.Failover;
using L7Gate.Failover.Network;

namespace L7Gate.Network.Tests.Failover;

public sealed class DrainAwareVipManagerTests
{
    private static readonly IPAddress Vip = IPAddress.Parse("192.0.2.100");
    private readonly RecordingVipManager _inner = new();

    [Fact]
    public async Task RemoveAsync_OutsideShutdown_RemovesAtOnce()
    {
        var vips = new DrainAwareVipManager(_inner);

        await vips.RemoveAsync("eth0", Vip, 24, default);

        Assert.Equal(["remove eth0 192.0.2.100/24"], _inner.Calls);
    }

    [Fact]
    public async Task RemoveAsync_WhileHeld_WaitsForRelease()
    {
        var vips = new DrainAwareVipManager(_inner);
        vips.Hold();

        await vips.RemoveAsync("eth0", Vip, 24, default);
        Assert.Empty(_inner.Calls);

        Assert.Equal(1, await vips.ReleaseAsync(default));
        Assert.Equal(["remove eth0 192.0.2.100/24"], _inner.Calls);
    }

    [Fact]
    public async Task AddAsync_AfterADeferredRemoval_CancelsTheRemoval()
    {
        var vips = new DrainAwareVipManager(_inner);
        vips.Hold();
        await vips.RemoveAsync("eth0", Vip, 24, default);

        await vips.AddAsync("eth0", Vip, 24, default);

        Assert.Equal(0, await vips.ReleaseAsync(default));
        Assert.Equal(["add eth0 192.0.2.100/24"], _inner.Calls);
    }

    [Fact]
    public async Task RemoveAsync_WhileHeld_ArpMutedUntilTheVipIsGone()
    {
        var vips = new DrainAwareVipManager(_inner, arpGuard: _inner);
        vips.Hold();

        await vips.RemoveAsync("eth0", Vip, 24, default);
        Assert.Equal(["mute 192.0.2.100"], _inner.Calls);

        await vips.ReleaseAsync(default);
        Assert.Equal(["mute 192.0.2.100", "remove eth0 192.0.2.100/24", "unmute 192.0.2.100"], _inner.Calls);
    }

    [Fact]
    public async Task AddAsync_MasterAgainDuringTheDrain_UnmutedBeforeTheVipIsAnnounced()
    {
        var vips = new DrainAwareVipManager(_inner, arpGuard: _inner);
        vips.Hold();
        await vips.RemoveAsync("eth0", Vip, 24, default);

        await vips.AddAsync("eth0", Vip, 24, default);

        Assert.Equal(["mute 192.0.2.100", "unmute 192.0.2.100", "add eth0 192.0.2.100/24"], _inner.Calls);
    }

    [Fact]
    public async Task ReleaseAsync_RemovalFails_ArpUnmutedAnyway()
    {
        var vips = new DrainAwareVipManager(new FailingVipManager(), arpGuard: _inner);
        vips.Hold();
        await vips.RemoveAsync("eth0", Vip, 24, default);

        await Assert.ThrowsAsync<IOException>(() => vips.ReleaseAsync(default));

        // Muted with no VIP is harmless; muted once this node is master again would make it unreachable.
        Assert.Equal(["mute 192.0.2.100", "unmute 192.0.2.100"], _inner.Calls);
    }

    [Fact]
    public async Task RemoveAsync_OutsideShutdown_ArpLeftAlone()
    {
        var vips = new DrainAwareVipManager(_inner, arpGuard: _inner);

        await vips.RemoveAsync("eth0", Vip, 24, default);

        Assert.Equal(["remove eth0 192.0.2.100/24"], _inner.Calls);
    }

    [Fact]
    public async Task RemoveAsync_GuardFails_VipStillHeldAndRemovedOnRelease()
    {
        var vips = new DrainAwareVipManager(_inner, arpGuard: new FailingArpGuard());
        vips.Hold();

        await vips.RemoveAsync("eth0", Vip, 24, default);
        Assert.Empty(_inner.Calls);

        Assert.Equal(1, await vips.ReleaseAsync(default));
        Assert.Equal(["remove eth0 192.0.2.100/24"], _inner.Calls);
    }

    [Fact]
    public async Task ReleaseAsync_Twice_RemovesOnce()
    {
        var vips = new DrainAwareVipManager(_inner);
        vips.Hold();
        await vips.RemoveAsync("eth0", Vip, 24, default);

        await vips.ReleaseAsync(default);
        await vips.ReleaseAsync(default);

        Assert.Single(_inner.Calls);
    }

    [Fact]
    public async Task ReleaseAsync_NestedHolds_RemovesOnlyAtTheLastRelease()
    {
        var vips = new DrainAwareVipManager(_inner);
        vips.Hold();
        vips.Hold();
        await vips.RemoveAsync("eth0", Vip, 24, default);

        Assert.Equal(0, await vips.ReleaseAsync(default));
        Assert.Empty(_inner.Calls);

        Assert.Equal(1, await vips.ReleaseAsync(default));
        Assert.Equal(["remove eth0 192.0.2.100/24"], _inner.Calls);
        Assert.Equal(0, vips.Holds);
    }

    [Fact]
    public async Task ReleaseAsync_WithoutHold_NothingAndNoNegativeCount()
    {
        var vips = new DrainAwareVipManager(_inner);

        Assert.Equal(0, await vips.ReleaseAsync(default));
        await vips.RemoveAsync("eth0", Vip, 24, default);

        Assert.Equal(0, vips.Holds);
        Assert.Equal(["remove eth0 192.0.2.100/24"], _inner.Calls);
    }
}

internal sealed class FailingArpGuard : IVipArpGuard
{
    public void SetMuted(IPAddress vip, bool muted) => throw new InvalidOperationException("libnftables.so.1 is not installed");

    public void Reset() => throw new InvalidOperationException("libnftables.so.1 is not installed");
}

internal sealed class FailingVipManager : IVipManager
{
    public Task AddAsync(string interfaceName, IPAddress address, int prefixLength, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task RemoveAsync(string interfaceName, IPAddress address, int prefixLength, CancellationToken cancellationToken) =>
        throw new IOException("RTM_DELADDR: Operation not permitted");

    public Task<bool> IsPresentAsync(string interfaceName, IPAddress address, CancellationToken cancellationToken) => Task.FromResult(true);
}
