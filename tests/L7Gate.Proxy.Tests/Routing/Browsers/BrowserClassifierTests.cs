using L7Gate.Proxy.Routing.Browsers;
using static L7Gate.Proxy.Routing.Browsers.BrowserClass;
using UA = L7Gate.Proxy.Tests.Routing.Browsers.RealUserAgents;

namespace L7Gate.Proxy.Tests.Routing.Browsers;

public sealed class BrowserClassifierTests
{
    public static TheoryData<string, string, BrowserClass> UserAgents => new()
    {
        { "Chrome Windows", UA.ChromeWindows, Chrome | Desktop },
        { "Chrome macOS", UA.ChromeMac, Chrome | Desktop },
        { "Chrome Linux", UA.ChromeLinux, Chrome | Desktop },
        { "Chrome Android phone", UA.ChromeAndroid, Chrome | Mobile },
        { "Chrome Android tablet", UA.ChromeAndroidTablet, Chrome | Desktop },
        { "Chrome iPhone (CriOS)", UA.ChromeIPhone, Chrome | Mobile },
        { "Chrome iPad (CriOS)", UA.ChromeIPad, Chrome | Desktop },
        { "Edge Windows", UA.EdgeWindows, Edge | Desktop },
        { "Edge macOS", UA.EdgeMac, Edge | Desktop },
        { "Edge Android (EdgA)", UA.EdgeAndroid, Edge | Mobile },
        { "Edge iPhone (EdgiOS)", UA.EdgeIPhone, Edge | Mobile },
        { "Edge legacy EdgeHTML", UA.EdgeLegacy, Edge | Desktop },
        { "Edge Windows Phone", UA.EdgeWindowsPhone, Edge | Mobile },
        { "Firefox Windows", UA.FirefoxWindows, Firefox | Desktop },
        { "Firefox macOS", UA.FirefoxMac, Firefox | Desktop },
        { "Firefox Linux", UA.FirefoxLinux, Firefox | Desktop },
        { "Firefox Android phone", UA.FirefoxAndroid, Firefox | Mobile },
        { "Firefox Android tablet", UA.FirefoxAndroidTablet, Firefox | Desktop },
        { "Firefox iPhone (FxiOS)", UA.FirefoxIPhone, Firefox | Mobile },
        { "Safari macOS", UA.SafariMac, Safari | Desktop },
        { "Safari iPhone", UA.SafariIPhone, Safari | Mobile },
        { "Safari iPad", UA.SafariIPad, Safari | Desktop },
        { "Opera Windows (OPR)", UA.OperaWindows, Opera | Desktop },
        { "Opera Android (OPR)", UA.OperaAndroid, Opera | Mobile },
        { "Opera Mini", UA.OperaMini, Opera | Mobile },
        { "Opera Touch iPhone (OPT)", UA.OperaTouchIPhone, Opera | Mobile },
        { "Opera Presto", UA.OperaPresto, Opera | Desktop },
        { "Samsung Internet", UA.SamsungInternet, Mobile },
        { "Yandex Browser", UA.YandexBrowser, Desktop },
        { "Vivaldi", UA.Vivaldi, Desktop },
        { "Android WebView", UA.AndroidWebView, Mobile },
        { "Android stock browser", UA.AndroidStockBrowser, Mobile },
        { "Internet Explorer 11", UA.InternetExplorer11, Desktop },
        { "Chrome on a CUBOT phone", UA.CubotPhoneChrome, Chrome | Mobile },
        { "Googlebot", UA.Googlebot, Bot },
        { "Googlebot smartphone", UA.GooglebotSmartphone, Bot },
        { "Bingbot", UA.Bingbot, Bot },
        { "Bingbot Chrome-based", UA.BingbotChrome, Bot },
        { "YandexBot", UA.YandexBot, Bot },
        { "Baiduspider", UA.Baiduspider, Bot },
        { "DuckDuckBot", UA.DuckDuckBot, Bot },
        { "Applebot", UA.Applebot, Bot },
        { "Yahoo Slurp", UA.YahooSlurp, Bot },
        { "facebookexternalhit", UA.FacebookExternalHit, Bot },
        { "GPTBot", UA.GptBot, Bot },
        { "HeadlessChrome", UA.HeadlessChrome, Bot },
        { "curl", UA.Curl, Bot },
        { "Wget", UA.Wget, Bot },
        { "python-requests", UA.PythonRequests, Bot },
        { "Go http client", UA.GoHttpClient, Bot },
    };

    [Theory]
    [MemberData(nameof(UserAgents))]
    public void ClassifyUncached_RealUserAgent_ExpectedClass(string client, string userAgent, BrowserClass expected)
    {
        var result = BrowserClassifier.ClassifyUncached(userAgent, null, null);

        Assert.True(expected == result.Class, $"{client}: expected {expected}, got {result.Class}");
        Assert.Equal(ClientHeaders.None, result.Ignored);
    }

    [Fact]
    public void ClassifyUncached_EveryChromiumBrandOtherThanChrome_IsNotChrome()
    {
        foreach (var ua in new[] { UA.EdgeWindows, UA.OperaWindows, UA.SamsungInternet, UA.YandexBrowser, UA.Vivaldi, UA.EdgeLegacy })
        {
            Assert.False(BrowserClassifier.ClassifyUncached(ua, null, null).Class.HasFlag(Chrome), ua);
        }
    }

    [Fact]
    public void ClassifyUncached_EveryNonSafariWebKitBrowser_IsNotSafari()
    {
        foreach (var ua in new[] { UA.ChromeMac, UA.ChromeIPhone, UA.EdgeIPhone, UA.FirefoxIPhone, UA.OperaTouchIPhone, UA.AndroidStockBrowser })
        {
            Assert.False(BrowserClassifier.ClassifyUncached(ua, null, null).Class.HasFlag(Safari), ua);
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void ClassifyUncached_NoUserAgentNoHints_None(string? userAgent)
    {
        Assert.Equal(None, BrowserClassifier.ClassifyUncached(userAgent, null, null).Class);
    }

    [Fact]
    public void ClassifyUncached_OversizedUserAgent_NoneAndFlagged()
    {
        var ua = UA.ChromeWindows + new string(' ', BrowserClassifier.MaxUserAgentLength);

        var result = BrowserClassifier.ClassifyUncached(ua, null, null);

        Assert.Equal(None, result.Class);
        Assert.Equal(ClientHeaders.UserAgent, result.Ignored);
    }

    [Fact]
    public void ClassifyUncached_GarbageUserAgent_DesktopWithoutFamily()
    {
        var result = BrowserClassifier.ClassifyUncached("((((((((((;;;;)))))) \\ /// (unterminated", null, null);

        Assert.Equal(Desktop, result.Class);
    }

    // Client hints as Chromium browsers send them (GREASE brand and order vary by version).
    private const string EdgeHints = "\"Chromium\";v=\"124\", \"Microsoft Edge\";v=\"124\", \"Not-A.Brand\";v=\"99\"";
    private const string ChromeHints = "\"Google Chrome\";v=\"123\", \"Not:A-Brand\";v=\"8\", \"Chromium\";v=\"123\"";
    private const string OperaHints = "\"Opera\";v=\"109\", \"Not:A-Brand\";v=\"8\", \"Chromium\";v=\"123\"";
    private const string BraveHints = "\"Brave\";v=\"124\", \"Chromium\";v=\"124\", \"Not-A.Brand\";v=\"99\"";
    private const string ChromiumOnlyHints = "\"Chromium\";v=\"124\", \"Not)A;Brand\";v=\"24\"";

    [Theory]
    [InlineData(UA.ChromeWindows, EdgeHints, Edge | Desktop)]
    [InlineData(UA.EdgeWindows, ChromeHints, Chrome | Desktop)]
    [InlineData(UA.ChromeWindows, OperaHints, Opera | Desktop)]
    [InlineData(UA.ChromeWindows, BraveHints, Desktop)] // Brave sends Chrome's UA: only the hints tell
    [InlineData(UA.EdgeWindows, ChromiumOnlyHints, Edge | Desktop)] // nothing named: the UA decides
    [InlineData(UA.ChromeLinux, ChromiumOnlyHints, Chrome | Desktop)]
    public void ClassifyUncached_SecChUaBrand_TakesPrecedenceOverUserAgent(string userAgent, string secChUa, BrowserClass expected)
    {
        Assert.Equal(expected, BrowserClassifier.ClassifyUncached(userAgent, secChUa, "?0").Class);
    }

    [Theory]
    [InlineData(UA.ChromeWindows, "?1", Chrome | Mobile)]
    [InlineData(UA.ChromeAndroid, "?0", Chrome | Desktop)] // "request desktop site"
    [InlineData(UA.ChromeAndroid, " ?1 ", Chrome | Mobile)]
    public void ClassifyUncached_SecChUaMobile_DecidesMobile(string userAgent, string mobile, BrowserClass expected)
    {
        Assert.Equal(expected, BrowserClassifier.ClassifyUncached(userAgent, ChromeHints, mobile).Class);
    }

    [Fact]
    public void ClassifyUncached_HintsWithoutUserAgent_ClassifiedFromHints()
    {
        Assert.Equal(Edge | Mobile, BrowserClassifier.ClassifyUncached(null, EdgeHints, "?1").Class);
    }

    [Fact]
    public void ClassifyUncached_BotUserAgentWithHints_StillBot()
    {
        Assert.Equal(Bot, BrowserClassifier.ClassifyUncached(UA.GooglebotSmartphone, ChromeHints, "?1").Class);
    }

    [Theory]
    [InlineData("Google Chrome;v=123", null, ClientHeaders.SecChUa)]
    [InlineData("\"Google Chrome\";v=\"123\",", null, ClientHeaders.SecChUa)]
    [InlineData(null, "yes", ClientHeaders.SecChUaMobile)]
    [InlineData(null, "1", ClientHeaders.SecChUaMobile)]
    [InlineData("\"Microsoft Edge", "?2", ClientHeaders.SecChUa | ClientHeaders.SecChUaMobile)]
    public void ClassifyUncached_MalformedHints_IgnoredFlaggedAndUserAgentDecides(string? secChUa, string? mobile, ClientHeaders flagged)
    {
        var result = BrowserClassifier.ClassifyUncached(UA.ChromeAndroid, secChUa, mobile);

        Assert.Equal(Chrome | Mobile, result.Class);
        Assert.Equal(flagged, result.Ignored);
    }

    [Fact]
    public void Classify_SameClientTwice_CachedOnce()
    {
        var classifier = new BrowserClassifier();

        var first = classifier.Classify(UA.EdgeWindows, EdgeHints, "?0");
        var second = classifier.Classify(UA.EdgeWindows, EdgeHints, "?0");

        Assert.Equal(first, second);
        Assert.Equal(1, classifier.CachedCount);
    }

    [Fact]
    public void Classify_ManyDistinctClients_CacheStaysBounded()
    {
        var classifier = new BrowserClassifier();

        for (var i = 0; i < (BrowserClassifier.CacheCapacity * 2) + 10; i++)
        {
            Assert.Equal(Chrome | Desktop, classifier.Classify($"{UA.ChromeWindows} build/{i}", null, null).Class);
        }

        Assert.InRange(classifier.CachedCount, 1, BrowserClassifier.CacheCapacity);
    }

    [Fact]
    public void Classify_OversizedUserAgent_NotCached()
    {
        var classifier = new BrowserClassifier();

        classifier.Classify(new string('a', BrowserClassifier.MaxUserAgentLength + 1), null, null);

        Assert.Equal(0, classifier.CachedCount);
    }

    [Fact]
    public async Task Classify_ConcurrentCallers_AgreeAndStayBounded()
    {
        var classifier = new BrowserClassifier();
        var agents = new[] { UA.ChromeWindows, UA.EdgeAndroid, UA.SafariIPhone, UA.Curl };

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(t => Task.Run(() =>
            Enumerable.Range(0, 2000).Select(i => classifier.Classify(agents[(i + t) % agents.Length], null, null).Class).ToHashSet())));

        Assert.All(results, set => Assert.Equal(4, set.Count));
        Assert.InRange(classifier.CachedCount, 1, agents.Length);
    }
}
