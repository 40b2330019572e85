using System.Diagnostics;
using System.Diagnostics.Metrics;
using L7Gate.Failover.Diagnostics;
using L7Gate.Failover.StateMachine;
using L7Gate.Failover.Tests.Fakes;
using L7Gate.Failover.Tests.Runner;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using static L7Gate.Failover.Tests.StateMachine.StateMachineFixture;

namespace L7Gate.Failover.Tests.Diagnostics;

public class FailoverTelemetryTests
{
    [Fact]
    public void Transition_CountedWithFromToAndTracedAsActivity()
    {
        using var meters = new TestMeterFactory();
        var metrics = new FailoverMetrics(meters);
        var transitions = new List<(long Value, Dictionary<string, object?> Tags)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Scope == meters && instrument.Name == "l7gate.vrrp.transitions")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) => transitions.Add((value, tags.ToArray().ToDictionary(t => t.Key, t => t.Value))));
        listener.Start();
        var activities = new List<Activity>();
        using var activityListener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "L7Gate.Failover",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a => { if ((string?)a.GetTagItem("vrrp.instance") == "VI_T") { activities.Add(a); } },
        };
        ActivitySource.AddActivityListener(activityListener);
        var machine = new VrrpStateMachine(Create().Config with { Name = "VI_T" }, NullLogger.Instance, metrics);

        machine.Handle(new VrrpEvent.Startup(TimeSpan.Zero));
        machine.Handle(new VrrpEvent.TimerFired(S(4)));

        Assert.Equal(2, transitions.Count);
        Assert.Equal(("VI_T", "backup", "master"), ((string?)transitions[1].Tags["instance"], (string?)transitions[1].Tags["from"], (string?)transitions[1].Tags["to"]));
        Assert.Equal(2, activities.Count);
        Assert.Equal("vrrp.transition", activities[1].OperationName);
        Assert.Equal("master-down timer expired", activities[1].GetTagItem("vrrp.reason"));
    }

    [Fact]
    public async Task Gauges_RunningInstance_ReportStateAndEffectivePriority()
    {
        var time = new FakeTimeProvider();
        await using var node = new TestNode("192.0.2.11", TestNode.Options(priority: 255), time);
        var observed = new Dictionary<string, int>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Scope == node.Meters && instrument.Name.StartsWith("l7gate.vrrp.", StringComparison.Ordinal))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<int>((instrument, value, tags, _) => observed[instrument.Name] = value);
        var counts = new Dictionary<string, long>();
        listener.SetMeasurementEventCallback<long>((instrument, value, _, _) => counts[instrument.Name] = counts.GetValueOrDefault(instrument.Name) + value);
        listener.Start();

        await node.StartAsync(VrrpState.Master);
        listener.RecordObservableInstruments();

        Assert.Equal((int)VrrpState.Master, observed["l7gate.vrrp.state"]);
        Assert.Equal(255, observed["l7gate.vrrp.effective_priority"]);
        Assert.Equal(1, counts["l7gate.vrrp.adverts.sent"]);
        Assert.Equal(5, counts["l7gate.vrrp.garp.sent"]);
    }
}
