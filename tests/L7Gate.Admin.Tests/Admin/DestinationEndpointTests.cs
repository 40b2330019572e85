using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using L7Gate.Admin.Tests.Infrastructure;

namespace L7Gate.Admin.Tests.Admin;

public class DestinationEndpointTests : BackendPairTests
{
    [Theory]
    [InlineData("drain", "Draining")]
    [InlineData("disable", "Disabled")]
    public async Task SetState_KnownDestination_StateShownAndTrafficMoves(string action, string state)
    {
        await using var gateway = GatewayHost.Start(TestConfig.Gateway([A, B]));
        Assert.Equal("a", await gateway.Client.GetStringAsync("/x"));

        var response = await gateway.Admin.PostAsync($"/admin/clusters/web/destinations/a/{action}", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(state, JsonNode.Parse(await response.Content.ReadAsStringAsync())!["adminState"]!.GetValue<string>());
        var destination = await DestinationAsync(gateway, "a");
        Assert.Equal(state, destination["adminState"]!.GetValue<string>());
        Assert.False(destination["available"]!.GetValue<bool>());
        Assert.Equal("b", await gateway.Client.GetStringAsync("/x"));

        var enable = await gateway.Admin.PostAsync("/admin/clusters/web/destinations/a/enable", null);

        Assert.Equal(HttpStatusCode.OK, enable.StatusCode);
        Assert.Equal("Active", (await DestinationAsync(gateway, "a"))["adminState"]!.GetValue<string>());
        Assert.Equal("a", await gateway.Client.GetStringAsync("/x"));
    }

    [Theory]
    [InlineData("/admin/clusters/nope/destinations/a/drain", "cluster 'nope'")]
    [InlineData("/admin/clusters/web/destinations/nope/drain", "no destination 'nope'")]
    public async Task SetState_Unknown_404Problem(string path, string detail)
    {
        await using var gateway = GatewayHost.Start(TestConfig.Gateway([A, B]));

        var problem = await Problem.AssertAsync(await gateway.Admin.PostAsync(path, null), HttpStatusCode.NotFound);

        Assert.Contains(detail, problem["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task Drain_ConfigReplacedWithSameDestination_StateSurvives()
    {
        await using var gateway = GatewayHost.Start(TestConfig.Gateway([A, B]));
        await gateway.Admin.PostAsync("/admin/clusters/web/destinations/a/drain", null);
        var next = TestConfig.Gateway([A, B]);
        next["ReverseProxy"]!["Routes"]!["extra"] = new JsonObject { ["ClusterId"] = "web", ["Match"] = new JsonObject { ["Path"] = "/extra" } };

        var put = await gateway.Admin.PutAsync("/admin/config", new StringContent(next.ToJsonString(), Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var status = JsonNode.Parse(await gateway.Client.GetStringAsync("/admin/status"))!;
        Assert.Equal(2, status["routes"]!.AsArray().Count);
        Assert.Equal("Draining", (await DestinationAsync(gateway, "a"))["adminState"]!.GetValue<string>());
        Assert.Equal("b", await gateway.Client.GetStringAsync("/extra"));
    }

    [Fact]
    public async Task Drain_RequestsInFlight_TheyCompleteAndNewOnesGoElsewhere()
    {
        await using var gateway = GatewayHost.Start(TestConfig.Gateway([A, B]));
        var inFlight = Enumerable.Range(0, 3).Select(_ => gateway.Client.GetAsync("/slow")).ToList();
        await Eventually.GetAsync(() => Task.FromResult(A.SlowWaiting), n => n == 3, "three requests held by backend a");
        Assert.Equal(3, (await DestinationAsync(gateway, "a"))["inFlight"]!.GetValue<int>());

        var drain = await gateway.Admin.PostAsync("/admin/clusters/web/destinations/a/drain", null);

        Assert.Equal(HttpStatusCode.OK, drain.StatusCode);
        Assert.Equal(3, JsonNode.Parse(await drain.Content.ReadAsStringAsync())!["inFlight"]!.GetValue<int>());
        var aBefore = A.Requests;
        for (var i = 0; i < 5; i++)
        {
            var fresh = await gateway.Client.GetAsync("/fresh");
            Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
            Assert.Equal("b", await fresh.Content.ReadAsStringAsync());
        }

        Assert.Equal(aBefore, A.Requests);
        Assert.All(inFlight, t => Assert.False(t.IsCompleted));

        A.ReleaseSlow();
        foreach (var request in inFlight)
        {
            var response = await request;
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("a", await response.Content.ReadAsStringAsync());
        }

        var destination = await DestinationAsync(gateway, "a");
        Assert.Equal(0, destination["inFlight"]!.GetValue<int>());
        Assert.Equal("Draining", destination["adminState"]!.GetValue<string>());
    }

    private static async Task<JsonNode> DestinationAsync(GatewayHost gateway, string id)
    {
        var status = JsonNode.Parse(await gateway.Client.GetStringAsync("/admin/status"))!;
        return status["clusters"]![0]!["destinations"]!.AsArray().Single(d => d!["destinationId"]!.GetValue<string>() == id)!;
    }
}
