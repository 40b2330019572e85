using System.Diagnostics.Metrics;

namespace L7Gate.Proxy.Tests.Routing.Functional;

public sealed class LanguageRoutingFunctionalTests(RoutingProxyFixture proxy) : IClassFixture<RoutingProxyFixture>
{
    private async Task<HttpResponseMessage> GetAsync(string path, string? acceptLanguage)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (acceptLanguage is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept-Language", acceptLanguage);
        }

        return await proxy.Client.SendAsync(request);
    }

    private async Task<string> BackendFor(string? acceptLanguage, string path = "/page")
    {
        using var response = await GetAsync(path, acceptLanguage);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync();
    }

    [Theory]
    [InlineData("zh-TW", "zh")]
    [InlineData("zh-CN,zh;q=0.9,en;q=0.8", "zh")]
    [InlineData("en-US,en;q=0.9", "en")]
    [InlineData("en", "en")]
    public async Task Get_AcceptLanguage_RoutesToLanguageBackend(string header, string expected)
    {
        Assert.Equal(expected, await BackendFor(header));
    }

    [Theory]
    [InlineData("en;q=0.4, zh;q=0.9", "zh")]
    [InlineData("zh;q=0.4, en;q=0.9", "en")]
    [InlineData("fr-FR, fr;q=0.9, en;q=0.3, zh;q=0.2", "en")]
    public async Task Get_QValues_HighestAcceptableMatchingRangeWins(string header, string expected)
    {
        Assert.Equal(expected, await BackendFor(header));
    }

    [Theory]
    [InlineData("zh;q=0, en;q=0.1", "en")]
    [InlineData("zh;q=0", "default")]
    [InlineData("*, zh;q=0", "en")]
    public async Task Get_QZero_RangeIsNeverChosen(string header, string expected)
    {
        Assert.Equal(expected, await BackendFor(header));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("fr-FR,fr;q=0.9")]
    [InlineData("zh_CN")]
    [InlineData("zh;q=7")]
    public async Task Get_NoMatchNoHeaderOrMalformed_FallbackRoute(string? header)
    {
        Assert.Equal("default", await BackendFor(header));
    }

    [Theory]
    [InlineData("zh-TW", "o-zh")]
    [InlineData("en", "o-fallback")]
    [InlineData(null, "o-fallback")]
    public async Task Get_FallbackWithLowerOrder_OnlyWinsWhenNoLanguageRouteMatches(string? header, string expected)
    {
        Assert.Equal(expected, await BackendFor(header, "/o/page"));
    }

    [Theory]
    [InlineData("en")]
    [InlineData("zh")]
    [InlineData(null)]
    public async Task Get_SamePathRouteWithOwnCriteria_IsNotAFallbackAndKeepsItsOrder(string? header)
    {
        // query-zh shares the path but adds ?lang=zh: a language match must not remove it.
        Assert.Equal("query-zh", await BackendFor(header, "/page?lang=zh"));
    }

    [Fact]
    public async Task Get_OversizedHeader_FallbackRoute()
    {
        var header = "zh," + string.Join(",", Enumerable.Repeat("en-US;q=0.5", 120));

        Assert.Equal("default", await BackendFor(header));
    }

    [Theory]
    [InlineData("zh-TW")]
    [InlineData("fr")]
    [InlineData(null)]
    public async Task Get_PathWithLanguageRoutes_VaryAcceptLanguageKeepsBackendVary(string? header)
    {
        using var response = await GetAsync("/page", header);

        var vary = response.Headers.Vary.ToList();
        Assert.Contains("Accept-Language", vary);
        Assert.Contains("Accept-Encoding", vary);
        Assert.DoesNotContain("User-Agent", vary);
    }

    [Fact]
    public async Task Get_PathWithoutLanguageRoutes_NoVaryAcceptLanguage()
    {
        using var response = await GetAsync("/plain/x", "zh");

        Assert.Equal("plain", await response.Content.ReadAsStringAsync());
        Assert.Equal(["Accept-Encoding"], response.Headers.Vary);
    }

    [Fact]
    public async Task Get_MalformedHeader_CountedOnProxyMeter()
    {
        var count = 0L;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Name == "l7gate.routing.malformed_headers" && ReferenceEquals(instrument.Meter.Scope, proxy.MeterFactory))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            if (tags.ToArray().Any(t => t.Key == "header" && (string?)t.Value == "Accept-Language"))
            {
                Interlocked.Add(ref count, value);
            }
        });
        listener.Start();

        await BackendFor("en;q=banana");

        Assert.Equal(1, Interlocked.Read(ref count));
    }
}
