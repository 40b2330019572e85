namespace L7Gate.Proxy.Routing.Browsers;

/// <summary>
/// The ordered rules that turn User-Agent tokens into a <see cref="BrowserClass"/>. Brands are told
/// apart by their own product tokens, checked before the tokens they copy: every Chromium browser
/// also says <c>Chrome</c> and <c>Safari</c>, every browser says <c>Mozilla</c>.
/// </summary>
internal static class UserAgentRules
{
    // Product names of HTTP clients that are scripts, not people (compared whole, case-insensitive).
    private static readonly HashSet<string> Tools = new(StringComparer.OrdinalIgnoreCase)
    {
        "curl", "Wget", "python-requests", "Python-urllib", "python-httpx", "aiohttp", "Go-http-client",
        "Java", "libwww-perl", "Apache-HttpClient", "node-fetch", "axios", "undici", "Scrapy", "HTTPie",
        "PostmanRuntime", "insomnia", "WindowsPowerShell", "HeadlessChrome", "PhantomJS", "Chrome-Lighthouse",
        "facebookexternalhit", "WhatsApp", "TelegramBot", "ia_archiver", "masscan", "zgrab", "Nmap", "sqlmap", "Nikto",
    };

    // Substrings that mark a crawler in a product name or a product-like comment item.
    private static readonly string[] CrawlerWords = ["bot", "crawl", "spider", "slurp", "mediapartners", "feedfetcher", "preview"];

    // Brands built on Chromium/WebKit/Gecko that are none of the five families, though they carry
    // Chrome/Safari/Firefox tokens: without this they would be counted as what they imitate.
    private static readonly string[] OtherBrowsers =
    [
        "SamsungBrowser", "YaBrowser", "Yowser", "UCBrowser", "UBrowser", "Vivaldi", "Silk", "MiuiBrowser",
        "HuaweiBrowser", "HeyTapBrowser", "Whale", "DuckDuckGo", "Ddg", "Brave", "QQBrowser", "MQQBrowser", "Puffin",
        "coc_coc_browser", "Maxthon", "Electron", "GSA", "Instagram", "SeaMonkey", "Waterfox", "PaleMoon",
        "Focus", "Klar", "FBAV", "FBAN", "Line",
    ];

    /// <summary>True when the agent is a crawler, a preview fetcher, a headless browser or a script.</summary>
    public static bool IsBot(UserAgentTokens ua)
    {
        foreach (var product in ua.Products)
        {
            if (Tools.Contains(product.Name) || ContainsCrawlerWord(product.Name))
            {
                return true;
            }
        }

        foreach (var item in ua.CommentItems)
        {
            // Only product-like items ("Googlebot/2.1"), never URLs or device names ("CUBOT X30").
            var slash = item.IndexOf('/', StringComparison.Ordinal);
            if (slash > 0 && !item.Contains("://", StringComparison.Ordinal) && !item.StartsWith('+'))
            {
                var name = item[..slash];
                if (Tools.Contains(name) || ContainsCrawlerWord(name))
                {
                    return true;
                }
            }
            else if (item.Contains("Slurp", StringComparison.OrdinalIgnoreCase))
            {
                return true; // "Yahoo! Slurp" has no version
            }
        }

        return false;
    }

    /// <summary>The browser family the UA names, or <see cref="BrowserClass.None"/>.</summary>
    public static BrowserClass Family(UserAgentTokens ua)
    {
        if (ua.HasProduct("Edg") || ua.HasProduct("EdgA") || ua.HasProduct("EdgiOS") || ua.HasProduct("Edge"))
        {
            return BrowserClass.Edge;
        }

        if (ua.HasProduct("OPR") || ua.HasProduct("OPT") || ua.HasProduct("OPiOS") || ua.HasProduct("Opera")
            || ua.HasCommentItem("Opera Mini") || ua.HasCommentItem("Opera Mobi"))
        {
            return BrowserClass.Opera;
        }

        if (IsOtherBrowser(ua))
        {
            return BrowserClass.None;
        }

        if (ua.HasProduct("Firefox") || ua.HasProduct("FxiOS"))
        {
            return BrowserClass.Firefox;
        }

        var chromium = ua.HasProduct("Chrome") || ua.HasProduct("CriOS") || ua.HasProduct("Chromium");
        if (chromium)
        {
            // Android WebView ("; wv)") is an app's embedded view, not the Chrome browser.
            return ua.HasCommentItem("wv") ? BrowserClass.None : BrowserClass.Chrome;
        }

        // Safari: Safari + Version on an Apple platform (Android's old stock browser copies both tokens).
        if (ua.HasProduct("Safari") && ua.HasProduct("Version") && IsApplePlatform(ua))
        {
            return BrowserClass.Safari;
        }

        return BrowserClass.None;
    }

    /// <summary>
    /// True for a phone: "Mobile" as a product or comment item (Chrome, Safari and Firefox on phones),
    /// iPhone/iPod, Windows Phone, Opera Mini/Mobi. Tablets (iPad, "Tablet", Android without
    /// "Mobile") are not, as Chrome's own Sec-CH-UA-Mobile says.
    /// </summary>
    public static bool IsMobile(UserAgentTokens ua)
    {
        if (ua.HasCommentItem("iPad") || ua.HasCommentItem("Tablet"))
        {
            return false;
        }

        return ua.HasProduct("Mobile")
            || ua.HasCommentItem("Mobile")
            || ua.HasCommentItem("iPhone")
            || ua.HasCommentItem("iPod")
            || ua.HasCommentItem("Windows Phone")
            || ua.HasCommentItem("Opera Mini")
            || ua.HasCommentItem("Opera Mobi");
    }

    private static bool IsApplePlatform(UserAgentTokens ua) =>
        ua.HasCommentItem("Macintosh") || ua.HasCommentItem("iPhone") || ua.HasCommentItem("iPad") || ua.HasCommentItem("iPod");

    private static bool IsOtherBrowser(UserAgentTokens ua)
    {
        foreach (var product in ua.Products)
        {
            foreach (var other in OtherBrowsers)
            {
                if (string.Equals(product.Name, other, StringComparison.OrdinalIgnoreCase)
                    || product.Name.StartsWith("[FB", StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool ContainsCrawlerWord(string name)
    {
        foreach (var word in CrawlerWords)
        {
            if (name.Contains(word, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
