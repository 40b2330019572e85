using System.Net;
using System.Text.Json.Nodes;
using L7Gate.Admin.Tests.Infrastructure;

namespace L7Gate.Admin.Tests.Admin;

/// <summary>The admin listener as deployed: a real L7Gate process with real Kestrel listeners on loopback.</summary>
public class AdminListenerTests : BackendTests
{
    [Fact]
    public async Task Listeners_AdminAndProxy_EachAnswersOnlyItsOwnPaths()
    {
        await using var gateway = GatewayProcess.Start(TestConfig.Gateway([A]));
        await gateway.WaitReadyAsync();
        using var admin = gateway.AdminClient();
        using var proxy = gateway.ProxyClient();
        Assert.NotEqual(new Uri(gateway.AdminUrl).Port, new Uri(gateway.ProxyUrl).Port);

        // The admin listener serves the API and never proxies.
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/admin/status")).StatusCode);
        var before = A.Requests;
        await Problem.AssertAsync(await admin.GetAsync("/some/page"), HttpStatusCode.NotFound);
        await Problem.AssertAsync(await admin.PostAsync("/admin/clusters/web/destinations/a/explode", null), HttpStatusCode.NotFound);
        Assert.Equal(before, A.Requests);

        // The proxy listener has no admin API: /admin/status is just another path, proxied to the backend.
        var proxied = await proxy.GetAsync("/admin/status");
        Assert.Equal("a", await proxied.Content.ReadAsStringAsync());
        Assert.Equal(before + 1, A.Requests);
        var drain = await proxy.PostAsync("/admin/clusters/web/destinations/a/drain", null);
        Assert.Equal("a", await drain.Content.ReadAsStringAsync());
        var status = JsonNode.Parse(await admin.GetStringAsync("/admin/status"))!;
        Assert.Equal("Active", status["clusters"]![0]!["destinations"]![0]!["adminState"]!.GetValue<string>());
        Assert.DoesNotContain("# TYPE", await (await proxy.GetAsync("/metrics")).Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AdminListener_DrainWithKey_AppliesOverRealSockets()
    {
        await using var gateway = GatewayProcess.Start(TestConfig.Gateway([A]));
        await gateway.WaitReadyAsync();
        using var anonymous = gateway.AdminClient(apiKey: null);
        using var admin = gateway.AdminClient();

        await Problem.AssertAsync(await anonymous.PostAsync("/admin/clusters/web/destinations/a/drain", null), HttpStatusCode.Unauthorized);
        var response = await admin.PostAsync("/admin/clusters/web/destinations/a/drain", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var ready = await admin.GetAsync("/readyz");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/healthz")).StatusCode);
        using var proxy = gateway.ProxyClient();
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await proxy.GetAsync("/x")).StatusCode);
    }

    [Theory]
    [InlineData("http://0.0.0.0:0")]
    [InlineData("http://+:0")]
    public async Task Start_NonLoopbackAdminWithoutKey_RefusesWithClearErrorAndNonZeroExit(string urls)
    {
        var config = TestConfig.Gateway([A], new JsonObject { ["Urls"] = urls });
        await using var gateway = GatewayProcess.Start(config);

        var exitCode = await gateway.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.NotEqual(0, exitCode);
        Assert.Contains("Admin:ApiKey", gateway.Output);
        Assert.Contains("non-loopback", gateway.Output);
        Assert.DoesNotContain("Admin API listening", gateway.Output);
    }

    [Fact]
    public async Task Start_NonLoopbackAdminWithKey_ReadsNeedKey()
    {
        var config = TestConfig.Gateway([A], new JsonObject { ["Urls"] = "http://0.0.0.0:0", ["ApiKey"] = TestConfig.ApiKey });
        await using var gateway = GatewayProcess.Start(config);
        await gateway.WaitReadyAsync();
        var port = new Uri(gateway.AdminUrl).Port;
        using var anonymous = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        using var admin = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        admin.DefaultRequestHeaders.Authorization = new("Bearer", TestConfig.ApiKey);

        await Problem.AssertAsync(await anonymous.GetAsync("/admin/status"), HttpStatusCode.Unauthorized);
        await Problem.AssertAsync(await anonymous.GetAsync("/metrics"), HttpStatusCode.Unauthorized);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/admin/status")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/metrics")).StatusCode);
    }

    [Fact]
    public async Task Start_AdminPortTaken_ExitsNonZeroNamingAdminUrls()
    {
        using var holder = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        holder.Start();
        var port = ((IPEndPoint)holder.LocalEndpoint).Port;
        var config = TestConfig.Gateway([A], new JsonObject { ["Urls"] = $"http://127.0.0.1:{port}" });
        await using var gateway = GatewayProcess.Start(config);

        var exitCode = await gateway.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.NotEqual(0, exitCode);
        Assert.Contains($"Admin API listener could not bind http://127.0.0.1:{port}", gateway.Output);
    }
}
