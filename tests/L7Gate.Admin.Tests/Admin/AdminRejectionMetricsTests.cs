using System.Net.Http.Headers;
using L7Gate.Admin.Tests.Infrastructure;

namespace L7Gate.Admin.Tests.Admin;

[Collection(MetricsCollection.Name)]
public class AdminRejectionMetricsTests : IAsyncLifetime
{
    private TestBackend _backend = null!;

    public async Task InitializeAsync() => _backend = await TestBackend.StartAsync("a", BackendBody.Name);

    public async Task DisposeAsync() => await _backend.DisposeAsync();

    [Fact]
    public async Task Rejections_Counted_ByReasonInMetrics()
    {
        await using var gateway = GatewayHost.Start(TestConfig.Gateway([_backend]));
        await gateway.Client.PostAsync("/admin/clusters/web/destinations/a/drain", null);
        using var wrong = new HttpRequestMessage(HttpMethod.Post, "/admin/clusters/web/destinations/a/drain");
        wrong.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "nope-nope-nope-nope");
        await gateway.Client.SendAsync(wrong);
        await gateway.Admin.PostAsync("/admin/clusters/nope/destinations/a/drain", null);

        var metrics = await gateway.Client.GetStringAsync("/metrics");

        Assert.Equal(1, PrometheusText.Value(metrics, "l7gate_admin_requests_rejected_total", "reason=missing_credentials"));
        Assert.Equal(1, PrometheusText.Value(metrics, "l7gate_admin_requests_rejected_total", "reason=invalid_credentials"));
        Assert.Equal(1, PrometheusText.Value(metrics, "l7gate_admin_requests_rejected_total", "reason=unknown_target"));
    }
}
