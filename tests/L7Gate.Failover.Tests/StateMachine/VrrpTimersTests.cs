using L7Gate.Failover.StateMachine;

namespace L7Gate.Failover.Tests.StateMachine;

public class VrrpTimersTests
{
    [Theory]
    [InlineData(1000, 100, 3_609_375)] // vrrp-notes: v3 1 s → 3.61 s
    [InlineData(100, 100, 360_937.5)] // v3 100 ms → 0.36 s (skew 60.9375 ms)
    [InlineData(50, 100, 180_468.75)] // v3 50 ms → 0.18 s
    [InlineData(1000, 254, 3_007_812.5)]
    [InlineData(1000, 1, 3_996_093.75)]
    public void MasterDownInterval_V3_MatchesRfc5798(int intervalMs, int priority, double expectedMicroseconds)
    {
        var mdi = VrrpTimers.MasterDownInterval(3, priority, TimeSpan.FromMilliseconds(intervalMs));

        Assert.Equal(expectedMicroseconds, mdi.TotalMicroseconds, precision: 0);
    }

    [Fact]
    public void SkewTime_Priority254At10Ms_Is78Microseconds()
    {
        var skew = VrrpTimers.SkewTime(3, 254, TimeSpan.FromMilliseconds(10));

        // (256 − 254) × 10 ms / 256 = 78.125 µs; TimeSpan keeps 100 ns ticks.
        Assert.InRange(skew.TotalMicroseconds, 78.0, 78.2);
    }

    [Fact]
    public void SkewTime_Priority100At100Ms_Is60Point9375Milliseconds()
    {
        Assert.Equal(60.9375, VrrpTimers.SkewTime(3, 100, TimeSpan.FromMilliseconds(100)).TotalMilliseconds, precision: 4);
    }

    [Fact]
    public void SkewTime_V2_IgnoresTheIntervalPerRfc3768()
    {
        Assert.Equal(0.609375, VrrpTimers.SkewTime(2, 100, TimeSpan.FromSeconds(3)).TotalSeconds, precision: 6);
        Assert.Equal(9.609375, VrrpTimers.MasterDownInterval(2, 100, TimeSpan.FromSeconds(3)).TotalSeconds, precision: 6);
    }
}
