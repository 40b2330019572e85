using System.Diagnostics;

namespace L7Gate.Failover.Tests.Fakes;

/// <summary>Awaits a condition the engine threads make true (the fake clock does not wait for them).</summary>
internal static class Eventually
{
    public static async Task TrueAsync(Func<bool> condition, string what, TimeSpan? timeout = null)
    {
        var limit = timeout ?? TimeSpan.FromSeconds(10);
        var watch = Stopwatch.StartNew();
        while (!condition())
        {
            if (watch.Elapsed > limit)
            {
                Assert.Fail($"Timed out waiting for: {what}");
            }

            await Task.Delay(2);
        }
    }
}
