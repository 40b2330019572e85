namespace L7Gate.Admin.Tests.Infrastructure;

/// <summary>
/// Tests that read exact metric values. OpenTelemetry's meter listener is process-wide, so hosts of other tests
/// running at the same time would add to the same series; these tests run alone.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MetricsCollection
{
    public const string Name = "Metrics";
}
