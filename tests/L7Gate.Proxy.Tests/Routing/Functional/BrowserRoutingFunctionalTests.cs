using UA = L7Gate.Proxy.Tests.Routing.Browsers.RealUserAgents;

namespace L7Gate.Proxy.Tests.Routing.Functional;

public sealed class BrowserRoutingFunctionalTests(RoutingProxyFixture proxy) : IClassFixture<RoutingProxyFixture>
{
    private async Task<HttpResponseMessage> GetAsync(string path, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return await proxy.Client.SendAsync(request);
    }

    private async Task<string> BackendFor(params (string Name, string Value)[] headers)
    {
        using var response = await GetAsync("/b/page", headers);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync();
    }

    [Theory]
    [InlineData(UA.EdgeWindows, "edge")]
    [InlineData(UA.EdgeLegacy, "edge")]
    [InlineData(UA.ChromeWindows, "chrome")]
    [InlineData(UA.ChromeMac, "chrome")]
    [InlineData(UA.SafariMac, "safari")]
    [InlineData(UA.SafariIPhone, "safari")]
    [InlineData(UA.ChromeAndroid, "chrome")]
    [InlineData(UA.EdgeAndroid, "edge")]
    [InlineData(UA.FirefoxAndroid, "mobile")]
    [InlineData(UA.SamsungInternet, "mobile")]
    [InlineData(UA.Googlebot, "bot")]
    [InlineData(UA.Curl, "bot")]
    [InlineData(UA.FirefoxWindows, "b-default")]
    public async Task Get_UserAgent_RoutesToBrowserBackend(string userAgent, string expected)
    {
        Assert.Equal(expected, await BackendFor(("User-Agent", userAgent)));
    }

    [Fact]
    public async Task Get_NoUserAgent_Fallback()
    {
        Assert.Equal("b-default", await BackendFor());
    }

    [Fact]
    public async Task Get_ClientHintsSayEdge_EdgeBackendDespiteChromeUserAgent()
    {
        var backend = await BackendFor(
            ("User-Agent", UA.ChromeWindows),
            ("Sec-CH-UA", "\"Not/A)Brand\";v=\"8\", \"Chromium\";v=\"126\", \"Microsoft Edge\";v=\"126\""),
            ("Sec-CH-UA-Mobile", "?0"));

        Assert.Equal("edge", backend);
    }

    [Fact]
    public async Task Get_ClientHintsSayMobile_MobileBackendForFirefoxLikeUserAgent()
    {
        Assert.Equal("mobile", await BackendFor(("User-Agent", UA.FirefoxWindows), ("Sec-CH-UA-Mobile", "?1")));
    }

    [Theory]
    [InlineData(UA.EdgeWindows)]
    [InlineData(UA.FirefoxWindows)]
    public async Task Get_PathWithBrowserRoutes_VaryUserAgentKeepsBackendVary(string userAgent)
    {
        using var response = await GetAsync("/b/page", ("User-Agent", userAgent));

        var vary = response.Headers.Vary.ToList();
        Assert.Contains("User-Agent", vary);
        Assert.Contains("Sec-CH-UA", vary);
        Assert.Contains("Accept-Encoding", vary);
        Assert.DoesNotContain("Accept-Language", vary);
    }
}
