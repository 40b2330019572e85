using L7Gate.Failover.Diagnostics;
using L7Gate.Failover.Network;
using L7Gate.Failover.StateMachine;

namespace L7Gate.Failover.Runner;

// Virtual MAC (UseVirtualMac): the macvlan the VIPs live on. Up exactly while this node may answer for the VIPs:
// brought up before the first advert or VIP of a mastership, down once the VIPs are gone (at once, or after the drain
// that held them). A backup keeps it down, so only one node on the segment ever sends from the virtual MAC.
// Every call is on the engine thread, except Prepare/Remove, which run while that thread is not running.
public sealed partial class VrrpInstanceRunner
{
    private bool _virtualMacUp;

    /// <summary>Creates (or takes over a crashed run's) macvlan; false when it cannot, and the instance waits as for a missing interface.</summary>
    private bool PrepareVirtualMac()
    {
        if (_settings.VirtualMacInterface is not { } name)
        {
            return true;
        }

        try
        {
            var links = _deps.VirtualMacLinks
                ?? throw new InvalidOperationException("UseVirtualMac needs the Linux failover services (no IVirtualMacLinks registered).");
            var outcome = links.Prepare(_settings.Interface, name, _settings.VirtualMac!);
            _virtualMacUp = false;
            FailoverLog.VirtualMacPrepared(_logger, Name, Vrid, _settings.VirtualMac!.ToString(), name, _settings.Interface, outcome.ToString().ToLowerInvariant(), _settings.SendInterface);

            // A reused link may still carry a crashed run's VIPs.
            foreach (var vip in _settings.Vips)
            {
                if (Wait(_deps.VipManager.IsPresentAsync(name, vip.Address, CancellationToken.None)))
                {
                    Wait(_deps.VipManager.RemoveAsync(name, vip.Address, vip.PrefixLength, CancellationToken.None));
                    FailoverLog.StaleVipRemoved(_logger, Name, Vrid, vip.ToString(), name);
                }
            }

            return true;
        }
        catch (Exception ex)
        {
            if (!_bringUpFailed)
            {
                FailoverLog.VirtualMacPrepareFailed(_logger, ex, Name, Vrid, name, _settings.Interface);
            }

            return false;
        }
    }

    // Before the first advert sent from the macvlan and before VIPs are added to it.
    private void EnsureVirtualMacUp()
    {
        if (_settings.VirtualMacInterface is { } name && !_virtualMacUp)
        {
            SetVirtualMac(name, up: true);
        }
    }

    // After the VIPs were removed, and on the link poll: down once no VIP is left on it (a drain may hold them) and
    // this node is not master.
    private void ReleaseVirtualMacIfIdle()
    {
        if (_settings.VirtualMacInterface is not { } name || !_virtualMacUp || _machine?.State == VrrpState.Master)
        {
            return;
        }

        foreach (var vip in _settings.Vips)
        {
            try
            {
                if (Wait(_deps.VipManager.IsPresentAsync(name, vip.Address, CancellationToken.None)))
                {
                    return;
                }
            }
            catch (Exception ex)
            {
                FailoverLog.VipOperationFailed(_logger, ex, Name, Vrid, "check", vip.ToString(), name);
                return;
            }
        }

        SetVirtualMac(name, up: false);
    }

    private void SetVirtualMac(string name, bool up)
    {
        try
        {
            _deps.VirtualMacLinks!.SetUp(name, up);
            _virtualMacUp = up;
            FailoverLog.VirtualMacLinkChanged(_logger, Name, Vrid, name, up ? "up" : "down");
        }
        catch (Exception ex)
        {
            FailoverLog.VirtualMacLinkFailed(_logger, ex, Name, Vrid, name, up ? "up" : "down");
        }
    }

    // At stop, after the engine thread ended: delete the macvlan unless a drain still holds VIPs on it (then the
    // IVirtualMacLinks implementation deletes it when the host shuts down).
    private async Task RemoveVirtualMacAsync()
    {
        if (_settings.VirtualMacInterface is not { } name || _deps.VirtualMacLinks is not { } links)
        {
            return;
        }

        try
        {
            foreach (var vip in _settings.Vips)
            {
                if (await _deps.VipManager.IsPresentAsync(name, vip.Address, CancellationToken.None).ConfigureAwait(false))
                {
                    return;
                }
            }

            links.Remove(_settings.Interface, name);
        }
        catch (Exception ex)
        {
            FailoverLog.VirtualMacRemoveFailed(_logger, ex, Name, Vrid, name);
        }
    }

    private static T Wait<T>(Task<T> task) => task.GetAwaiter().GetResult();
}
