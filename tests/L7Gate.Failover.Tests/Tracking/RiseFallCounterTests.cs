using L7Gate.Failover.Tracking;

namespace L7Gate.Failover.Tests.Tracking;

public class RiseFallCounterTests
{
    [Fact]
    public void Record_FallFailuresInARow_TurnsUnhealthyOnTheLast()
    {
        var counter = new RiseFallCounter(rise: 2, fall: 3);

        Assert.False(counter.Record(false));
        Assert.False(counter.Record(false));
        Assert.True(counter.Record(false));
        Assert.False(counter.IsHealthy);
    }

    [Fact]
    public void Record_SuccessBetweenFailures_RestartsTheCount()
    {
        var counter = new RiseFallCounter(rise: 1, fall: 2);

        counter.Record(false);
        counter.Record(true);
        counter.Record(false);

        Assert.True(counter.IsHealthy);
    }

    [Fact]
    public void Record_RiseSuccessesAfterFailure_HealthyAgain()
    {
        var counter = new RiseFallCounter(rise: 2, fall: 1);
        counter.Record(false);

        Assert.False(counter.Record(true));
        Assert.True(counter.Record(true));
        Assert.True(counter.IsHealthy);
    }

    [Fact]
    public void New_StartsHealthy()
    {
        Assert.True(new RiseFallCounter(3, 3).IsHealthy);
    }
}
