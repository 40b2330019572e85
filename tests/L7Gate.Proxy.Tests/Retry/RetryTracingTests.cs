using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using L7Gate.Proxy.Diagnostics;
using L7Gate.Proxy.Tests.Infrastructure;

namespace L7Gate.Proxy.Tests.Retry;

public sealed class RetryTracingTests
{
    [Fact]
    public async Task Retry_AfterRefusedConnection_TracedAsProxyRetryActivity()
    {
        await using var a = await TestBackend.StartAsync("a");
        await using var b = await TestBackend.StartAsync("b");
        await a.StopAsync();
        var activities = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == ProxyActivitySource.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activities.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        await using var gateway = await GatewayHost.StartAsync(GatewayConfigs.SingleCluster([a, b]).Replace("\"c\"", "\"traced\""));

        using var response = await gateway.Client.GetAsync("/traced");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var retry = Assert.Single(activities, x => (string?)x.GetTagItem("l7gate.cluster") == "traced");
        Assert.Equal("proxy.retry", retry.OperationName);
        Assert.Equal("connect", retry.GetTagItem("l7gate.retry.reason"));
        Assert.Equal("a", retry.GetTagItem("l7gate.retry.failed_destination"));
        Assert.Equal("b", retry.GetTagItem("l7gate.destination"));
        Assert.Equal(2, retry.GetTagItem("l7gate.retry.attempt"));
    }
}
