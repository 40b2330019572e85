using L7Gate.Proxy.Streams.Configuration;
using L7Gate.Proxy.Streams.Tls;

namespace L7Gate.Proxy.Tests.Streams;

public sealed class SniRouterTests
{
    private static readonly SniRouter Router = new(new StreamListenerOptions
    {
        ClusterId = "default",
        Sni = new(StringComparer.OrdinalIgnoreCase)
        {
            ["api.example.com"] = "exact",
            ["*.example.com"] = "wide",
            ["*.k8s.example.com"] = "narrow",
        },
    });

    [Theory]
    [InlineData("api.example.com", "exact")]
    [InlineData("API.EXAMPLE.COM", "exact")]
    [InlineData("www.example.com", "wide")]
    [InlineData("a.b.example.com", "wide")]
    [InlineData("node.k8s.example.com", "narrow")]
    [InlineData("example.com", "default")]
    [InlineData("other.org", "default")]
    [InlineData(null, "default")]
    public void Route_Name_ExactBeatsLongestWildcardBeatsDefault(string? name, string expected) =>
        Assert.Equal(expected, Router.Route(name));

    [Fact]
    public void Route_NoMatchWithoutClusterId_Null()
    {
        var router = new SniRouter(new StreamListenerOptions { Sni = new() { ["a.example.com"] = "a" } });

        Assert.Null(router.Route("b.example.com"));
        Assert.Null(router.Route(null));
    }
}
