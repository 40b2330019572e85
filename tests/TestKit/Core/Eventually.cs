using System.Diagnostics;

namespace L7Gate.TestKit;

/// <summary>
/// Polls a condition that becomes true asynchronously (health probes, file watch, metric export, engine threads
/// behind a fake clock), failing the test with what it waited for once the deadline passes.
/// </summary>
public static class Eventually
{
    private static readonly TimeSpan s_defaultTimeout = TimeSpan.FromSeconds(20);

    /// <summary>How long to wait between two looks; short, so fake-clock tests stay fast.</summary>
    private static readonly TimeSpan s_poll = TimeSpan.FromMilliseconds(10);

    /// <summary>Waits until <paramref name="condition"/> holds.</summary>
    public static async Task TrueAsync(Func<Task<bool>> condition, string because, TimeSpan? timeout = null)
    {
        var limit = timeout ?? s_defaultTimeout;
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed > limit)
            {
                Assert.Fail($"Timed out after {limit.TotalSeconds:0.#} s waiting until {because}.");
            }

            await Task.Delay(s_poll);
        }
    }

    /// <summary>Waits until <paramref name="condition"/> holds.</summary>
    public static Task TrueAsync(Func<bool> condition, string because, TimeSpan? timeout = null) =>
        TrueAsync(() => Task.FromResult(condition()), because, timeout);

    /// <summary>Reads a value until <paramref name="done"/> accepts it, and returns it; the failure names the last value.</summary>
    public static async Task<T> GetAsync<T>(Func<Task<T>> read, Func<T, bool> done, string what, TimeSpan? timeout = null)
    {
        var limit = timeout ?? s_defaultTimeout;
        var clock = Stopwatch.StartNew();
        T value;
        while (!done(value = await read()))
        {
            if (clock.Elapsed > limit)
            {
                Assert.Fail($"Timed out after {limit.TotalSeconds:0.#} s waiting for {what}; last value: {value}");
            }

            await Task.Delay(s_poll);
        }

        return value;
    }
}
