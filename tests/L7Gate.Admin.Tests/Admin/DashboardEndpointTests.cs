using System.Net;
using System.Text.Json.Nodes;
using L7Gate.Admin.Tests.Infrastructure;

namespace L7Gate.Admin.Tests.Admin;

public class DashboardEndpointTests : BackendTests
{
    [Theory]
    [InlineData("/admin/", "text/html")]
    [InlineData("/admin/dashboard.js", "text/javascript")]
    [InlineData("/admin/dashboard.css", "text/css")]
    public async Task Asset_Served_SelfContainedWithCsp(string path, string mediaType)
    {
        await using var gateway = GatewayHost.Start(TestConfig.Gateway([A]));

        var response = await gateway.Client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("default-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single());
        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("http://", body);
        Assert.DoesNotContain("https://", body);
        Assert.DoesNotContain("//cdn", body);
    }

    [Fact]
    public async Task Dashboard_Disabled_NotServed()
    {
        await using var gateway = GatewayHost.Start(TestConfig.Gateway([A], new JsonObject { ["Dashboard"] = false }));

        var body = await gateway.Client.GetStringAsync("/admin/dashboard.js");

        // In memory the proxy's catch-all answers instead of the dashboard.
        Assert.Equal("a", body);
    }
}
