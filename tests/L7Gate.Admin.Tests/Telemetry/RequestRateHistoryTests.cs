using L7Gate.Telemetry;
using Microsoft.Extensions.Time.Testing;

namespace L7Gate.Admin.Tests.Telemetry;

public class RequestRateHistoryTests
{
    [Fact]
    public void Snapshot_RequestsInSeveralBuckets_CountedPerBucketOldestFirst()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-24T12:00:00Z"));
        var history = new RequestRateHistory(time);

        history.Record("web");
        history.Record("web");
        time.Advance(TimeSpan.FromSeconds(5));
        history.Record("web");
        history.Record("API");

        var snapshot = history.Snapshot();
        var web = snapshot.Clusters["web"];
        Assert.Equal(RequestRateHistory.BucketCount, web.Length);
        Assert.Equal(1, web[^1]);
        Assert.Equal(2, web[^2]);
        Assert.Equal(3, web.Sum());
        Assert.Equal(1, snapshot.Clusters["api"].Sum());
        Assert.Equal(5, snapshot.BucketSeconds);
    }

    [Fact]
    public void Snapshot_AfterTenMinutes_OldBucketsForgotten()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-24T12:00:00Z"));
        var history = new RequestRateHistory(time);
        history.Record("web");

        time.Advance(TimeSpan.FromMinutes(10));
        history.Record("web");

        var web = history.Snapshot().Clusters["web"];
        Assert.Equal(1, web.Sum());
        Assert.Equal(1, web[^1]);
    }
}
