using System.Net;
using System.Runtime.CompilerServices;
using L7Gate.Failover.Diagnostics;
using L7Gate.Failover.Network;
using L7Gate.Failover.Options;
using L7Gate.Failover.Runner;
using L7Gate.Failover.StateMachine;
using L7Gate.Failover.Tests.Fakes;
using L7Gate.Failover.Tracking;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace L7Gate.Failover.Tests.Runner;

/// <summary>One gateway node: a runner with in-memory seams, on a shared fake clock and LAN.</summary>
internal sealed class TestNode : IAsyncDisposable
{
    public const string Vip = "192.0.2.100";

    public TestNode(
        string address, VrrpInstanceOptions options, TimeProvider time, FakeVrrpSegment? segment = null, FakeProxyHealthProbe? probe = null,
        string name = "VI_1", IThreadScheduling? scheduling = null, int threadNice = 0, IReadOnlyDictionary<string, TrackScriptMonitor>? trackScripts = null)
    {
        Address = IPAddress.Parse(address);
        Links.Primary["eth0"] = Address;
        Transports = new FakeVrrpTransportFactory(segment);
        Meters = new TestMeterFactory();
        Metrics = new FailoverMetrics(Meters);
        Probe = probe;
        Nodes.GetOrCreateValue(time).Add(this);
        Runner = new VrrpInstanceRunner(name, options, TimeSpan.FromMilliseconds(100), [],
            new FailoverEngineDependencies(Transports, Vips, Garp, Links, probe, Notify, time, NullLoggerFactory.Instance, Metrics, scheduling, threadNice, TrackScripts: trackScripts));
    }

    /// <summary>Every node on a clock, so stepping the clock can wait for all of them.</summary>
    public static ConditionalWeakTable<TimeProvider, List<TestNode>> Nodes { get; } = new();

    public IPAddress Address { get; }

    /// <summary>The engine is waiting and every packet delivered to this node was handled.</summary>
    public bool IsIdle => Runner.IsIdle && (Transports.Last is not { Disposed: false } transport || transport.Injected == Runner.PacketsReceived);

    public FakeVipManager Vips { get; } = new();

    public FakeGarpSender Garp { get; } = new();

    public FakeLinkMonitor Links { get; } = new();

    public FakeVrrpTransportFactory Transports { get; }

    public FakeVrrpTransport Transport => Transports.Last ?? throw new InvalidOperationException("no transport opened yet");

    public RecordingNotifyScriptRunner Notify { get; } = new();

    public TestMeterFactory Meters { get; }

    public FailoverMetrics Metrics { get; }

    public FakeProxyHealthProbe? Probe { get; }

    public VrrpInstanceRunner Runner { get; }

    public VrrpState State => Runner.State;

    public bool HasVip => Vips.IsPresent(Vip);

    public static VrrpInstanceOptions Options(int priority = 100, bool preempt = true, TimeSpan? preemptDelay = null, TimeSpan? interval = null) => new()
    {
        Interface = "eth0",
        VirtualRouterId = 51,
        Priority = priority,
        Version = 3,
        AdvertisementInterval = interval ?? TimeSpan.FromSeconds(1),
        Preempt = preempt,
        PreemptDelay = preemptDelay ?? TimeSpan.Zero,
        VirtualIPs = [$"{Vip}/24"],
    };

    public async Task StartAsync(VrrpState expected = VrrpState.Backup)
    {
        await Runner.StartAsync(CancellationToken.None);
        await Eventually.TrueAsync(() => State == expected, $"{Address} reaches {expected} at start");
    }

    public async ValueTask DisposeAsync()
    {
        await Runner.DisposeAsync();
        Meters.Dispose();
    }
}
