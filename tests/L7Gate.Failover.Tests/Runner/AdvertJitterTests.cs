using L7Gate.Failover.StateMachine;
using Xunit.Abstractions;

namespace L7Gate.Failover.Tests.Runner;

/// <summary>Send jitter of the advert timer on the real clock (vrrp-notes: scheduling stalls cause flapping).</summary>
[Collection(RealClockCollection.Name)]
public class AdvertJitterTests(ITestOutputHelper output)
{
    [Fact]
    public async Task AdvertTimer_RealClockWithBusyThreadPool_FiresWellWithinAnInterval()
    {
        var lateness = new List<TimeSpan>();
        var options = TestNode.Options(priority: 255, interval: TimeSpan.FromMilliseconds(20));
        await using var node = new TestNode("192.0.2.11", options, TimeProvider.System);
        node.Runner.AdvertTimerLateness = late => { lock (lateness) { lateness.Add(late); } };
        await node.StartAsync(VrrpState.Master);

        // Load the thread pool with blocking work meanwhile: the advert path must not depend on it.
        using var stop = new CancellationTokenSource();
        var hogs = Enumerable.Range(0, Environment.ProcessorCount * 4)
            .Select(_ => Task.Run(() => { while (!stop.IsCancellationRequested) { Thread.Sleep(50); } }))
            .ToArray();
        var watch = System.Diagnostics.Stopwatch.StartNew();
        await Task.Delay(TimeSpan.FromSeconds(1.5)); // may itself run late: the pool is starved on purpose
        var elapsed = watch.Elapsed;
        stop.Cancel();
        await Task.WhenAll(hogs);

        TimeSpan[] samples;
        lock (lateness)
        {
            samples = lateness.Order().ToArray();
        }

        var p50 = samples[samples.Length / 2];
        var p99 = samples[(int)(samples.Length * 0.99)];
        output.WriteLine($"{samples.Length} adverts at 20 ms over {elapsed.TotalSeconds:F2} s with a starved pool: lateness p50 {p50.TotalMilliseconds:F2} ms, " +
            $"p99 {p99.TotalMilliseconds:F2} ms, max {samples[^1].TotalMilliseconds:F2} ms (load average decides the tail; see the report)");

        // The cadence holds while thread-pool work items wait for seconds: most intervals get their advert (the
        // bound leaves room for an overloaded CI host, where the OS, not the pool, delays the thread), none twice.
        Assert.InRange(samples.Length, (int)(elapsed / TimeSpan.FromMilliseconds(20) * 0.5), (int)(elapsed / TimeSpan.FromMilliseconds(20)) + 5);
        Assert.True(p50 < TimeSpan.FromMilliseconds(5), $"median lateness {p50.TotalMilliseconds} ms");
    }
}
