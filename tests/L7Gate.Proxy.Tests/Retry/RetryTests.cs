using System.Net;
using L7Gate.Proxy.Tests.Infrastructure;

namespace L7Gate.Proxy.Tests.Retry;

/// <summary>
/// Retries through the real host against real loopback backends. The cluster uses FirstAlphabetical so the
/// failing backend "a" is always tried first and the healthy "b" is the one a retry must reach.
/// </summary>
public sealed class RetryTests : IAsyncLifetime
{
    private TestBackend _a = null!;
    private TestBackend _b = null!;

    public async Task InitializeAsync()
    {
        _a = await TestBackend.StartAsync("a");
        _b = await TestBackend.StartAsync("b");
    }

    public async Task DisposeAsync()
    {
        await _a.DisposeAsync();
        await _b.DisposeAsync();
    }

    [Fact]
    public async Task Get_FirstDestinationRefusesConnections_RetriedOnAnotherAndCounted()
    {
        await _a.StopAsync();
        await using var gateway = await GatewayHost.StartAsync(GatewayConfigs.SingleCluster([_a, _b]));
        using var metrics = new MetricRecorder(gateway.Services);

        for (var i = 0; i < 5; i++)
        {
            using var response = await gateway.Client.GetAsync($"/get/{i}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("b", response.Headers.GetValues("X-Backend").Single());
        }

        Assert.Equal(5, metrics.Sum("l7gate.proxy.retries", "reason", "connect"));
        Assert.Equal(5, metrics.Sum("l7gate.proxy.retries", "cluster", "c"));
    }

    [Fact]
    public async Task Get_FirstDestinationResetsConnection_RetriedOnAnother()
    {
        _a.Behavior = BackendBehavior.Reset;
        await using var gateway = await GatewayHost.StartAsync(GatewayConfigs.SingleCluster([_a, _b]));
        using var metrics = new MetricRecorder(gateway.Services);

        using var response = await gateway.Client.GetAsync("/reset");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("b", response.Headers.GetValues("X-Backend").Single());
        Assert.True(_a.Requests >= 1);
        Assert.Equal(1, metrics.Sum("l7gate.proxy.retries", "reason", "reset"));
    }

    [Fact]
    public async Task Get_FirstDestinationAnswersRetryableStatus_ClientSeesOnlyTheRetriedResponse()
    {
        _a.Behavior = BackendBehavior.Status;
        _a.FailureStatus = 503;
        await using var gateway = await GatewayHost.StartAsync(GatewayConfigs.SingleCluster([_a, _b],
            """ "Retry": { "MaxAttempts": 2, "OnStatusCodes": [ 503 ] }, """));
        using var metrics = new MetricRecorder(gateway.Services);

        using var response = await gateway.Client.GetAsync("/status");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.StartsWith("b GET /status", body);
        Assert.DoesNotContain("a failed", body);
        Assert.Equal(1, _a.Requests);
        Assert.Equal(1, metrics.Sum("l7gate.proxy.retries", "reason", "status"));
    }

    [Fact]
    public async Task Get_StatusNotInOnStatusCodes_PassedThroughUnretried()
    {
        _a.Behavior = BackendBehavior.Status;
        _a.FailureStatus = 500;
        await using var gateway = await GatewayHost.StartAsync(GatewayConfigs.SingleCluster([_a, _b],
            """ "Retry": { "OnStatusCodes": [ 503 ] }, """));

        using var response = await gateway.Client.GetAsync("/status500");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("a failed", await response.Content.ReadAsStringAsync());
        Assert.Equal(0, _b.Requests);
    }

    [Fact]
    public async Task Get_RetryableStatusOnLastAttempt_PassedThroughWithItsBody()
    {
        _a.Behavior = BackendBehavior.Status;
        _b.Behavior = BackendBehavior.Status;
        await using var gateway = await GatewayHost.StartAsync(GatewayConfigs.SingleCluster([_a, _b]));

        using var response = await gateway.Client.GetAsync("/both-fail");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("b failed", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Post_WithBodyToResettingDestination_NotRetried()
    {
        _a.Behavior = BackendBehavior.Reset;
        await using var gateway = await GatewayHost.StartAsync(GatewayConfigs.SingleCluster([_a, _b]));
        using var metrics = new MetricRecorder(gateway.Services);

        using var response = await gateway.Client.PostAsync("/post", new StringContent("payment=1"));

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("'c'", await response.Content.ReadAsStringAsync());
        Assert.Equal(0, _b.Requests);
        Assert.Equal(0, metrics.Sum("l7gate.proxy.retries"));
    }

    [Fact]
    public async Task Put_WithStreamedBodyToResettingDestination_NotRetried()
    {
        _a.Behavior = BackendBehavior.Reset;
        await using var gateway = await GatewayHost.StartAsync(GatewayConfigs.SingleCluster([_a, _b]));

        using var response = await gateway.Client.PutAsync("/put", new StringContent("document"));

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal(0, _b.Requests);
    }

    [Fact]
    public async Task Post_FirstDestinationRefusesConnections_RetriedWithItsBody()
    {
        await _a.StopAsync();
        await using var gateway = await GatewayHost.StartAsync(GatewayConfigs.SingleCluster([_a, _b]));

        using var response = await gateway.Client.PostAsync("/post", new StringContent("order=42"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("b POST /post body=order=42", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Get_MaxAttemptsOne_NotRetried()
    {
        await _a.StopAsync();
        await using var gateway = await GatewayHost.StartAsync(GatewayConfigs.SingleCluster([_a, _b], """ "Retry": { "MaxAttempts": 1 }, """));

        using var response = await gateway.Client.GetAsync("/once");

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal(0, _b.Requests);
    }

    [Fact]
    public async Task Get_EveryAttemptFails_BoundedByMaxAttemptsThen502Problem()
    {
        await using var c = await TestBackend.StartAsync("c");
        _a.Behavior = BackendBehavior.Reset;
        _b.Behavior = BackendBehavior.Reset;
        c.Behavior = BackendBehavior.Reset;
        await using var gateway = await GatewayHost.StartAsync(GatewayConfigs.SingleCluster([_a, _b, c], """ "Retry": { "MaxAttempts": 2 }, """));
        using var metrics = new MetricRecorder(gateway.Services);

        using var response = await gateway.Client.GetAsync("/all-fail");

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Contains("after 2 attempt(s)", await response.Content.ReadAsStringAsync());
        Assert.Equal(0, c.Requests);
        Assert.Equal(1, metrics.Sum("l7gate.proxy.retries"));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Get_DestinationDiesWhileUnderLoad_ClientSeesNoError(bool resetInsteadOfStop)
    {
        await using var c = await TestBackend.StartAsync("c");
        await using var gateway = await GatewayHost.StartAsync(GatewayConfigs.SingleCluster([_a, _b, c], loadBalancing: "RoundRobin"));
        var failures = 0;
        var served = 0;
        using var stop = new CancellationTokenSource();
        var load = Enumerable.Range(0, 4).Select(async _ =>
        {
            while (!stop.IsCancellationRequested)
            {
                using var response = await gateway.Client.GetAsync("/load");
                Interlocked.Increment(ref served);
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    Interlocked.Increment(ref failures);
                }
            }
        }).ToArray();

        await Eventually.TrueAsync(() => _a.Requests > 20, "traffic reaches a");
        if (resetInsteadOfStop)
        {
            _a.Behavior = BackendBehavior.Reset;
        }
        else
        {
            await _a.StopAsync();
        }

        var servedAtStop = Volatile.Read(ref served);
        await Eventually.TrueAsync(() => Volatile.Read(ref served) > servedAtStop + 100, "100 more requests are served");
        stop.Cancel();
        await Task.WhenAll(load);

        Assert.Equal(0, failures);
    }
}
