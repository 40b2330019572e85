using System.Net;
using L7Gate.Failover.Network;

namespace L7Gate.Network.Tests.Failover;

/// <summary>
/// In-memory fake of the VIP seam that records what it was asked ("add eth0 192.0.2.100/24"); also the ARP guard
/// seam ("mute 192.0.2.100"), in the same list, so the order of the two is visible.
/// </summary>
internal sealed class RecordingVipManager : IVipManager, IVipArpGuard
{
    private readonly List<string> _calls = [];

    /// <summary>The calls so far, in order.</summary>
    public IReadOnlyList<string> Calls
    {
        get
        {
            lock (_calls)
            {
                return [.. _calls];
            }
        }
    }

    public Task AddAsync(string interfaceName, IPAddress address, int prefixLength, CancellationToken cancellationToken) =>
        Record($"add {interfaceName} {address}/{prefixLength}");

    public Task RemoveAsync(string interfaceName, IPAddress address, int prefixLength, CancellationToken cancellationToken) =>
        Record($"remove {interfaceName} {address}/{prefixLength}");

    public Task<bool> IsPresentAsync(string interfaceName, IPAddress address, CancellationToken cancellationToken) =>
        Task.FromResult(false);

    public void SetMuted(IPAddress vip, bool muted) => Record($"{(muted ? "mute" : "unmute")} {vip}");

    public void Reset() => Record("reset");

    private Task Record(string call)
    {
        lock (_calls)
        {
            _calls.Add(call);
        }

        return Task.CompletedTask;
    }
}
