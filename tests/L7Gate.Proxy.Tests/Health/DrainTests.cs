using System.Net;
using L7Gate.Proxy.Health;
using L7Gate.Proxy.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace L7Gate.Proxy.Tests.Health;

public sealed class DrainTests
{
    [Fact]
    public async Task Drain_RequestInFlight_CompletesWhileNewRequestsGoElsewhere()
    {
        await using var a = await TestBackend.StartAsync("a");
        await using var b = await TestBackend.StartAsync("b");
        a.ResponseDelay = TimeSpan.FromSeconds(1);
        await using var gateway = await GatewayHost.StartAsync(GatewayConfigs.SingleCluster([a, b]));
        var states = gateway.Services.GetRequiredService<IDestinationAdminStates>();

        var inFlight = gateway.Client.GetAsync("/long");
        await Eventually.TrueAsync(() => a.Requests == 1, "the slow request reached a");
        states.Set("c", "a", DestinationAdminState.Draining);
        using var during = await gateway.Client.GetAsync("/new");
        using var completed = await inFlight;

        Assert.Equal("b", during.Headers.GetValues("X-Backend").Single());
        Assert.Equal(HttpStatusCode.OK, completed.StatusCode);
        Assert.Equal("a", completed.Headers.GetValues("X-Backend").Single());
        Assert.Equal(1, a.Requests);
    }
}
