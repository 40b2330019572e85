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

    // The misses a corpus run found (issue 10), each from uap-core's test resources or the vendor's docs.
    public static TheoryData<string, string, BrowserClass> CorpusMisses => new()
    {
        { "AdsBot-Google-Mobile (bot word in a comment, no version)", "Mozilla/5.0 (iPhone; CPU iPhone OS 14_7_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/14.1.2 Mobile/15E148 Safari/604.1 (compatible; AdsBot-Google-Mobile; +http://www.google.com/mobile/adsbot.html)", Bot },
        { "PetalBot", "Mozilla/5.0 (Linux; Android 7.0;) AppleWebKit/537.36 (KHTML, like Gecko) Mobile Safari/537.36 (compatible; PetalBot;+https://webmaster.petalsearch.com/site/petalbot)", Bot },
        { "bot marked only by a URL", "Mozilla/5.0 (compatible; Thumbshots.ru; +http://thumbshots.ru/bot) Firefox/3", Bot },
        { "bot name without a bot word", "Mozilla/4.0 (compatible; MSIE 5.01; GomezAgent 2.0; Windows NT)", Bot },
        { "okhttp", "okhttp/4.9.3", Bot },
        { "GuzzleHttp", "GuzzleHttp/7 PHP/8.2.7", Bot },
        { "Dart", "Dart/3.1 (dart:io)", Bot },
        { "Java HTTP client", "Java/17.0.8", Bot },
        { "Apache HttpClient", "Apache-HttpClient/4.5.14 (Java/17.0.8)", Bot },
        { "aws-sdk-go", "aws-sdk-go/1.4.12 (go1.6; linux; amd64) S3Manager", Bot },
        { "WebPageTest agent", "Mozilla/5.0 (Windows NT 6.2; WOW64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/64.0.3282.0 Safari/537.36 PTST/1.0", Bot },
        { "feature phone listing Java as a capability (not a bot)", "LG-T310i/V100 Obigo/Q7.3 MMS/LG-MMS-V1.1/1.2 MediaPlayer/LGPlayer/1.0 Java/ASVM/1.1 Profile/MIDP-2.1 Configuration/CLDC-1.1", Desktop },
        { "CUBOT phone on Android's stock browser", "Mozilla/5.0 (Linux; U; Android 4.2.1; en-gb; CUBOT ONE Build/JOP40D) AppleWebKit/534.30 (KHTML, like Gecko) Version/4.0 Mobile Safari/534.30", Mobile },
        { "MiuiBrowser after a vendor prefix", "Mozilla/5.0 (Linux; U; Android 10; zh-cn; M2007J3SC Build/QKQ1.200419.002) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/89.0.4389.116 Mobile Safari/537.36 XiaoMi/MiuiBrowser/15.7.22", Mobile },
        { "Chrome-shaped app (extra product)", "Mozilla/5.0 (Linux; Android 15; REA-AN00) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/116.0.5845.114 HonorBrowser/1.0.0 Mobile Safari/537.36", Mobile },
        { "Opera GX", "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/144.0.7559.109 Safari/537.36 OPX/3.1", Opera | Desktop },
        { "Opera Coast", "Mozilla/5.0 (iPhone; CPU iPhone OS 7_0_3 like Mac OS X) AppleWebKit/537.51.1 (KHTML, like Gecko) Coast/3.1.0.79792 Mobile/11B511 Safari/7534.48.3", Opera | Mobile },
        { "Opera Neon", "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_12_2) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/53.0.2785.21 Safari/537.36 MMS/1.0.2459.0", Opera | Desktop },
        { "Safari 1 (no Version token)", "Mozilla/5.0 (Macintosh; U; PPC Mac OS X; en) AppleWebKit/125.5.5 (KHTML, like Gecko) Safari/125.12", Safari | Desktop },
        { "Safari for Windows", "Mozilla/5.0 (Windows; U; Windows NT 5.1; en-US) AppleWebKit/525.19 (KHTML, like Gecko) Version/3.1.2 Safari/525.21", Safari | Desktop },
        { "WebKit nightly is not Safari", "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_7_4) AppleWebKit/537.8+ (KHTML, like Gecko) Version/6.0 Safari/536.25", Desktop },
    };

    [Theory]
    [MemberData(nameof(CorpusMisses))]
    public void ClassifyUncached_CorpusMiss_NowExpectedClass(string client, string userAgent, BrowserClass expected)
    {
        var result = BrowserClassifier.ClassifyUncached(userAgent, null, null);

        Assert.True(expected == result.Class, $"{client}: expected {expected}, got {result.Class}");
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
            Assert.Equal(Chrome | Desktop, classifier.Classify(UA.ChromeWindows.Replace("Chrome/124.0.0.0", $"Chrome/124.0.{i}.0", StringComparison.Ordinal), null, null).Class);
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
