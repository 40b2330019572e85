namespace L7Gate.Failover.Tests.Runner;

/// <summary>Real-clock timing tests run alone, after the parallel ones, so other tests' load does not skew them.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RealClockCollection
{
    public const string Name = "Real clock";
}
