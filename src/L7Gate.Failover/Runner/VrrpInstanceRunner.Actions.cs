using System.Globalization;
using System.Net;
using L7Gate.Failover.Control;
using L7Gate.Failover.Diagnostics;
using L7Gate.Failover.Notify;
using L7Gate.Failover.Protocol;
using L7Gate.Failover.StateMachine;

namespace L7Gate.Failover.Runner;

// Carrying out the state machine's actions, on the engine thread. Sends and VIP changes complete before the
// next event is handled, so the order the machine chose (advert, VIPs, GARP) is the order on the wire.
public sealed partial class VrrpInstanceRunner
{
    private void Execute(VrrpAction action)
    {
        switch (action)
        {
            case VrrpAction.SendAdvert send:
                SendAdvert(send.Priority);
                break;
            case VrrpAction.AddVips:
                ChangeVips(add: true);
                break;
            case VrrpAction.RemoveVips:
                ChangeVips(add: false);
                break;
            case VrrpAction.ForwardStragglers forward:
                ForwardStragglers(forward.FormerMaster);
                break;
            case VrrpAction.SendGarp garp:
                SendGarp(garp.IsRefresh ? _settings.Garp.RefreshRepeat : _settings.Garp.Repeat);
                break;
            case VrrpAction.StateChanged changed:
                RunNotifyScripts(changed.Change.To, changed.Change.EffectivePriority);
                _pendingChanges.Add(changed.Change);
                break;
        }
    }

    private void SendAdvert(byte priority)
    {
        if (_settings.VirtualMacInterface is not null && !_settings.Options.VirtualMacTransmitBase && !_virtualMacUp)
        {
            // The first advert of a mastership, from the virtual MAC, moves the switch's MAC table and with it every
            // client: the VIPs must be in place before it leaves, not after (the AddVips that follows finds them there).
            ChangeVips(add: true);
        }

        var options = _settings.Options;
        var advert = new VrrpAdvertisement(options.Version, Vrid, priority, _settings.AdverIntervalRaw, _settings.VipAddresses)
        {
            AuthType = _settings.AuthType,
            AuthData = _settings.AuthData,
        };
        foreach (var destination in _settings.Destinations)
        {
            try
            {
                // v3's pseudo-header names the destination, so each unicast peer gets its own checksum.
                int length = VrrpCodec.Encode(advert, _sendBuffer, _source!, destination, _settings.ChecksumForm);
                Wait(_transport!.SendAsync(_sendBuffer.AsMemory(0, length), destination, CancellationToken.None));
                _deps.Metrics.AdvertSent(Name);
            }
            catch (Exception ex)
            {
                FailoverLog.SendFailed(_logger, ex, Name, Vrid, destination);
            }
        }
    }

    private void ChangeVips(bool add)
    {
        if (add)
        {
            EnsureVirtualMacUp();
        }

        foreach (var vip in _settings.Vips)
        {
            try
            {
                Wait(add
                    ? _deps.VipManager.AddAsync(_settings.VipInterface, vip.Address, vip.PrefixLength, CancellationToken.None)
                    : _deps.VipManager.RemoveAsync(_settings.VipInterface, vip.Address, vip.PrefixLength, CancellationToken.None));
            }
            catch (Exception ex)
            {
                FailoverLog.VipOperationFailed(_logger, ex, Name, Vrid, add ? "add" : "remove", vip.ToString(), _settings.VipInterface);
            }
        }

        if (!add)
        {
            ReleaseVirtualMacIfIdle();
        }
    }

    private void ForwardStragglers(IPAddress formerMaster)
    {
        if (!_deps.HandoverForwarding || _deps.StragglerForwarder is not { } forwarder)
        {
            return;
        }

        var window = HandoverGrace.For(_settings.Options.AdvertisementInterval);
        try
        {
            forwarder.Start(_settings.Interface, Vrid, formerMaster, _settings.VipAddresses, window);
            _deps.Metrics.StragglerForwardingStarted(Name);
            FailoverLog.StragglerForwardingStarted(_logger, Name, Vrid, formerMaster, window);
        }
        catch (Exception ex)
        {
            _deps.Metrics.StragglerForwardingFailed(Name);
            FailoverLog.StragglerForwardingFailed(_logger, Name, Vrid, formerMaster, ex.Message);
        }
    }

    private void SendGarp(int repeat)
    {
        foreach (var address in _settings.VipAddresses)
        {
            try
            {
                for (int i = 0; i < repeat; i++)
                {
                    Wait(_deps.GarpSender.SendAsync(_settings.VipInterface, address, CancellationToken.None));
                    _deps.Metrics.GarpSent(Name, 1);
                }
            }
            catch (Exception ex)
            {
                FailoverLog.GarpFailed(_logger, ex, Name, Vrid, address, _settings.VipInterface);
            }
        }
    }

    private void RunNotifyScripts(VrrpState state, byte priority)
    {
        var notify = _settings.Notify;
        var script = state switch
        {
            VrrpState.Master => notify.Master,
            VrrpState.Backup => notify.Backup,
            VrrpState.Fault => notify.Fault,
            _ => notify.Stop,
        };
        if (!string.IsNullOrEmpty(script))
        {
            _deps.NotifyScripts.Start(Name, script, [], notify.Timeout);
        }

        if (!string.IsNullOrEmpty(notify.Any))
        {
            // keepalived's generic notify: INSTANCE <name> <STATE> <priority>
            _deps.NotifyScripts.Start(Name, notify.Any,
                ["INSTANCE", Name, NotifyStateName.Of(state), priority.ToString(CultureInfo.InvariantCulture)], notify.Timeout);
        }
    }

    private static void Wait(ValueTask task)
    {
        if (task.IsCompletedSuccessfully)
        {
            task.GetAwaiter().GetResult();
        }
        else
        {
            task.AsTask().GetAwaiter().GetResult();
        }
    }

    private static void Wait(Task task) => task.GetAwaiter().GetResult();
}
