using L7Gate.Failover.Tests.Fakes;
using Microsoft.Extensions.Time.Testing;

namespace L7Gate.Failover.Tests.Runner;

internal static class FakeClock
{
    /// <summary>
    /// Advances fake time in small steps and, after each, waits until every node on the clock is idle (the fake
    /// clock does not wait for the engine threads), until <paramref name="until"/> holds or <paramref name="total"/>
    /// has passed. Returns the fake time advanced.
    /// </summary>
    public static async Task<TimeSpan> RunAsync(FakeTimeProvider time, TimeSpan total, Func<bool>? until = null, TimeSpan? step = null)
    {
        var increment = step ?? TimeSpan.FromMilliseconds(100);
        var elapsed = TimeSpan.Zero;
        await SettleAsync(time);
        while (elapsed < total && !(until?.Invoke() ?? false))
        {
            time.Advance(increment);
            elapsed += increment;
            await SettleAsync(time);
        }

        return elapsed;
    }

    public static async Task SettleAsync(TimeProvider time)
    {
        var nodes = TestNode.Nodes.TryGetValue(time, out var list) ? list.ToArray() : [];

        // Idle twice in a row: a node that just sent may have woken another one.
        for (int calm = 0; calm < 2; calm++)
        {
            await Eventually.TrueAsync(() => nodes.All(n => n.IsIdle), "nodes settle");
            await Task.Delay(1);
        }
    }
}
