using L7Gate.Failover.Tracking;

namespace L7Gate.Failover.Tests.Tracking;

public class EffectivePriorityCalculatorTests
{
    [Fact]
    public void Compute_NoTrackers_ConfiguredPriority()
    {
        Assert.Equal(((byte)100, false), EffectivePriorityCalculator.Compute(100, []));
    }

    [Fact]
    public void Compute_NegativeWeightFailing_Subtracted()
    {
        Assert.Equal(((byte)80, false), EffectivePriorityCalculator.Compute(100, [new("eth1", -20, Healthy: false), new("eth2", -30, Healthy: true)]));
    }

    [Fact]
    public void Compute_PositiveWeightHealthy_Added()
    {
        Assert.Equal(((byte)130, false), EffectivePriorityCalculator.Compute(100, [new("eth1", 30, Healthy: true), new("eth2", 50, Healthy: false)]));
    }

    [Fact]
    public void Compute_Weight0Failing_Fault()
    {
        Assert.Equal(((byte)100, true), EffectivePriorityCalculator.Compute(100, [new("proxy", 0, Healthy: false)]));
    }

    [Fact]
    public void Compute_NonOwner_ClampedTo1Through254()
    {
        Assert.Equal(((byte)254, false), EffectivePriorityCalculator.Compute(200, [new("eth1", 100, Healthy: true)]));
        Assert.Equal(((byte)1, false), EffectivePriorityCalculator.Compute(50, [new("eth1", -100, Healthy: false)]));
    }

    [Fact]
    public void Compute_Owner255_NotAdjustedButCanFault()
    {
        Assert.Equal(((byte)255, false), EffectivePriorityCalculator.Compute(255, [new("eth1", -100, Healthy: false)]));
        Assert.Equal(((byte)255, true), EffectivePriorityCalculator.Compute(255, [new("eth1", 0, Healthy: false)]));
    }
}
