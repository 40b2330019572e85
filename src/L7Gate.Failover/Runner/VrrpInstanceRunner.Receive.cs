using System.Net;
using L7Gate.Failover.Diagnostics;
using L7Gate.Failover.Network;
using L7Gate.Failover.Protocol;

namespace L7Gate.Failover.Runner;

// The receive thread: decode, check, count, hand accepted adverts to the engine thread.
public sealed partial class VrrpInstanceRunner
{
    private void ReceiveMain()
    {
        RaiseThreadPriority("receive");
        var token = _stopping.Token;
        while (!token.IsCancellationRequested)
        {
            ReceivedVrrpPacket packet;
            try
            {
                var pending = _transport!.ReceiveAsync(token);
                packet = pending.IsCompletedSuccessfully ? pending.Result : pending.AsTask().GetAwaiter().GetResult();
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                if (token.IsCancellationRequested)
                {
                    return;
                }

                if (ShouldLog("receive-failed"))
                {
                    FailoverLog.ReceiveFailed(_logger, ex, Name, Vrid, _settings.Interface);
                }

                // Back off briefly so a broken socket does not spin this thread.
                token.WaitHandle.WaitOne(TimeSpan.FromMilliseconds(100));
                continue;
            }

            OnPacket(packet);
            Interlocked.Increment(ref _packetsReceived);
        }
    }

    private void OnPacket(ReceivedVrrpPacket packet)
    {
        var reason = VrrpReceiveFilter.Check(_policy!, packet.Source, packet.Destination, packet.Ttl, packet.VrrpMessage.Span, out var advert);
        if (reason == VrrpDropReason.None)
        {
            _deps.Metrics.AdvertReceived(Name);
            CheckVipList(advert!, packet.Source);
            Post(new EngineInput.Advert(advert!, packet.Source));
            return;
        }

        // Every instance on an interface sees every packet there: only the one with the lowest VRID counts and
        // reports foreign VRIDs, so one stray advert is one drop.
        if (reason == VrrpDropReason.OtherInstance || (reason == VrrpDropReason.UnknownVrid && _siblingVrids.Any(v => v < Vrid)))
        {
            return;
        }

        _deps.Metrics.AdvertDropped(Name, reason);
        FailoverLog.AdvertDropped(_logger, Name, Vrid, packet.Source, reason.ToTagValue());
        if (reason == VrrpDropReason.OwnAdvert || !ShouldLog($"{reason}/{packet.Source}"))
        {
            return;
        }

        if (reason == VrrpDropReason.UnknownVrid && advert is not null)
        {
            FailoverLog.ForeignVrid(_logger, Name, Vrid, _settings.Interface, packet.Source, advert.VirtualRouterId);
        }
        else
        {
            FailoverLog.AdvertRejected(_logger, Name, Vrid, packet.Source, reason.ToTagValue());
        }
    }

    // keepalived 2.2 logs (older versions drop) adverts whose VIP list differs: say so, but accept them.
    private void CheckVipList(VrrpAdvertisement advert, IPAddress source)
    {
        if (advert.Priority == 0 || advert.Addresses.SequenceEqual(_settings.VipAddresses) || !ShouldLog($"vips/{source}"))
        {
            return;
        }

        FailoverLog.VipListMismatch(_logger, Name, Vrid, source, string.Join(",", advert.Addresses), string.Join(",", _settings.VipAddresses));
    }

    // Rate limit for warnings about a stream of bad packets: once a minute per key; every packet is still counted.
    private bool ShouldLog(string key)
    {
        var now = Now;
        lock (_lastRejectLog)
        {
            if (_lastRejectLog.TryGetValue(key, out var last) && now - last < RejectLogPeriod)
            {
                return false;
            }

            _lastRejectLog[key] = now;
            return true;
        }
    }
}
