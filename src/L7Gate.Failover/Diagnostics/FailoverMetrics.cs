using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using L7Gate.Failover.Protocol;
using L7Gate.Failover.StateMachine;

namespace L7Gate.Failover.Diagnostics;

/// <summary>The engine's metrics on meter "L7Gate.Failover" (names fixed by the team brief).</summary>
public sealed class FailoverMetrics
{
    private readonly ConcurrentDictionary<string, Func<(VrrpState State, byte EffectivePriority)>> _instances = new(StringComparer.Ordinal);
    private readonly Counter<long> _transitions;
    private readonly Counter<long> _advertsSent;
    private readonly Counter<long> _advertsReceived;
    private readonly Counter<long> _advertsDropped;
    private readonly Counter<long> _garpSent;
    private readonly Counter<long> _handoverForwarding;

    /// <summary>Creates the instruments on a meter from <paramref name="meterFactory"/>.</summary>
    public FailoverMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(FailoverActivitySource.Name);
        meter.CreateObservableGauge("l7gate.vrrp.state", ObserveStates, unit: "{state}",
            description: "VRRP state per instance: 0 Initialize, 1 Backup, 2 Master, 3 Fault.");
        meter.CreateObservableGauge("l7gate.vrrp.effective_priority", ObservePriorities, unit: "{priority}",
            description: "Priority after tracking, as advertised.");
        _transitions = meter.CreateCounter<long>("l7gate.vrrp.transitions", unit: "{transition}", description: "VRRP state transitions.");
        _advertsSent = meter.CreateCounter<long>("l7gate.vrrp.adverts.sent", unit: "{advert}", description: "VRRP adverts sent.");
        _advertsReceived = meter.CreateCounter<long>("l7gate.vrrp.adverts.received", unit: "{advert}", description: "VRRP adverts received and accepted.");
        _advertsDropped = meter.CreateCounter<long>("l7gate.vrrp.adverts.dropped", unit: "{packet}", description: "Received VRRP packets dropped, by reason.");
        _garpSent = meter.CreateCounter<long>("l7gate.vrrp.garp.sent", unit: "{packet}", description: "Gratuitous ARP packets sent.");
        _handoverForwarding = meter.CreateCounter<long>("l7gate.vrrp.handover_forwarding", unit: "{takeover}",
            description: "Planned takeovers, by whether the former master's stragglers were forwarded to it (result ok) or could not be (failed).");
    }

    /// <summary>Registers an instance's state for the observable gauges; dispose the result to unregister.</summary>
    public IDisposable Register(string instance, Func<(VrrpState State, byte EffectivePriority)> observe)
    {
        _instances[instance] = observe;
        return new Registration(() => _instances.TryRemove(instance, out _));
    }

    internal void Transition(string instance, VrrpState from, VrrpState to) =>
        _transitions.Add(1, new TagList { { "instance", instance }, { "from", Name(from) }, { "to", Name(to) } });

    internal void AdvertSent(string instance) => _advertsSent.Add(1, new KeyValuePair<string, object?>("instance", instance));

    internal void AdvertReceived(string instance) => _advertsReceived.Add(1, new KeyValuePair<string, object?>("instance", instance));

    internal void AdvertDropped(string instance, VrrpDropReason reason) =>
        _advertsDropped.Add(1, new KeyValuePair<string, object?>("instance", instance), new KeyValuePair<string, object?>("reason", reason.ToTagValue()));

    internal void GarpSent(string instance, long packets) => _garpSent.Add(packets, new KeyValuePair<string, object?>("instance", instance));

    internal void StragglerForwardingStarted(string instance) => HandoverForwarding(instance, "ok");

    internal void StragglerForwardingFailed(string instance) => HandoverForwarding(instance, "failed");

    private void HandoverForwarding(string instance, string result) =>
        _handoverForwarding.Add(1, new KeyValuePair<string, object?>("instance", instance), new KeyValuePair<string, object?>("result", result));

    internal static string Name(VrrpState state) => state switch
    {
        VrrpState.Initialize => "initialize",
        VrrpState.Backup => "backup",
        VrrpState.Master => "master",
        VrrpState.Fault => "fault",
        _ => "unknown",
    };

    private IEnumerable<Measurement<int>> ObserveStates()
    {
        foreach (var (name, observe) in _instances)
        {
            yield return new Measurement<int>((int)observe().State, new KeyValuePair<string, object?>("instance", name));
        }
    }

    private IEnumerable<Measurement<int>> ObservePriorities()
    {
        foreach (var (name, observe) in _instances)
        {
            yield return new Measurement<int>(observe().EffectivePriority, new KeyValuePair<string, object?>("instance", name));
        }
    }

    private sealed class Registration(Action dispose) : IDisposable
    {
        private Action? _dispose = dispose;

        public void Dispose() => Interlocked.Exchange(ref _dispose, null)?.Invoke();
    }
}
