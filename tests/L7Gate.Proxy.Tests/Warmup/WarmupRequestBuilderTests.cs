using L7Gate.Proxy.Configuration;
using L7Gate.Proxy.Warmup;
using Yarp.ReverseProxy.Configuration;

namespace L7Gate.Proxy.Tests.Warmup;

public sealed class WarmupRequestBuilderTests
{
    [Theory]
    [InlineData(null, "/")]
    [InlineData("{**catch-all}", "/warmup")]
    [InlineData("/api/v1/{**rest}", "/api/v1/warmup")]
    [InlineData("/users/{id}/orders/{order:int}", "/users/1/orders/1")]
    [InlineData("static/{*file}", "/static/warmup")]
    public void Path_Template_PathTheTemplateMatches(string? template, string expected) =>
        Assert.Equal(expected, WarmupRequestBuilder.Path(template));

    [Fact]
    public void For_RouteWithEveryCondition_RequestCarriesEachOne()
    {
        var route = new RouteConfig
        {
            RouteId = "r",
            ClusterId = "c",
            Match = new RouteMatch
            {
                Path = "/x/{**rest}",
                Hosts = ["*.example.com"],
                Methods = ["POST"],
                Headers = [new RouteHeader { Name = "X-Tenant", Values = ["beta-"], Mode = HeaderMatchMode.HeaderPrefix }],
                QueryParameters = [new RouteQueryParameter { Name = "v", Values = ["2"], Mode = QueryParameterMatchMode.Exact }],
            },
            Metadata = new Dictionary<string, string> { [L7GateMetadataKeys.Languages] = "zh-CN,zh", [L7GateMetadataKeys.Browsers] = "Bot" },
        };

        var request = WarmupRequestBuilder.For(route);

        Assert.Equal("POST", request.Method);
        Assert.Equal("/x/warmup?v=2", request.PathAndQuery);
        Assert.Equal("warmup.example.com", request.Host);
        Assert.Contains(new KeyValuePair<string, string>("X-Tenant", "beta-"), request.Headers);
        Assert.Contains(new KeyValuePair<string, string>("Accept-Language", "zh-CN"), request.Headers);
        Assert.Contains(request.Headers, h => h.Key == "User-Agent" && h.Value.Contains("Googlebot", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("http://0.0.0.0:8080", "http://127.0.0.1:8080/")]
    [InlineData("http://[::]:8080", "http://[::1]:8080/")]
    [InlineData("https://+:8443", "https://127.0.0.1:8443/")]
    [InlineData("http://192.0.2.10:80", "http://192.0.2.10/")]
    public void ListenerAddress_BoundAddress_LoopbackUrlToSendTo(string bound, string expected) =>
        Assert.Equal(expected, WarmupService.ListenerAddress([bound])!.ToString());

    [Fact]
    public void ListenerAddress_FirstAddressIsAnL4Listener_SkipsItForTheHttpListener() =>
        Assert.Equal("http://127.0.0.1:8080/", WarmupService.ListenerAddress(["http://0.0.0.0:6443", "http://0.0.0.0:8080"], new HashSet<int> { 6443 })!.ToString());
}
