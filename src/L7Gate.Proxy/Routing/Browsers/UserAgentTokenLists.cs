namespace L7Gate.Proxy.Routing.Browsers;

/// <summary>
/// The data <see cref="UserAgentRules"/> decides by: product and comment tokens of crawlers, scripts and
/// browsers, kept apart from the rules so that a new crawler or brand is a one-line change. Names are
/// compared case-insensitively. Measured against the uap-core corpus in
/// <c>tests/L7Gate.Proxy.Tests/Routing/Browsers/Corpus</c> (uap-core's Spider list is the source of many names).
/// </summary>
internal static class UserAgentTokenLists
{
    /// <summary>
    /// Whole product names of scripts, HTTP libraries, headless browsers, preview fetchers, monitors and
    /// crawlers whose name has no crawler word. L7Gate classes them as Bot: no person at a browser.
    /// </summary>
    public static readonly HashSet<string> Tools = new(StringComparer.OrdinalIgnoreCase)
    {
        // command-line clients and scripting libraries
        "curl", "libcurl-agent", "PycURL", "Wget", "wget2", "python-requests", "python-httpx", "aiohttp", "httpx",
        "Go-http-client", "Go-CF-client", "go-cli", "go-resty", "libwww-perl", "lwp-trivial", "Apache-HttpClient",
        "Google-HTTP-Java-Client", "okhttp", "GuzzleHttp", "akka-http", "http.rb", "reqwest", "urlgrabber",
        "ReactorNetty", "Vert.x-WebClient", "WinHTTP", "JNLP", "javaws", "WordPress", "Jetpack", "scalaj-http", "HTTPClient", "RPT-HTTPClient", "node-fetch", "axios",
        "undici", "got", "Scrapy", "HTTPie", "PostmanRuntime", "insomnia", "WindowsPowerShell", "lua-resty-http",
        "APT-HTTP", "minio-go", "Boto", "Boto3", "Mechanize", "Faraday", "RestSharp", "Deno", "Bun", "hackney",
        // headless browsers, audits, monitors, scanners
        "HeadlessChrome", "PhantomJS", "Chrome-Lighthouse", "PTST", "Camoufox", "StatusCake", "Datanyze",
        "TLSProber", "WhatWeb", "OpenVAS", "OpenVAS-VT", "PingdomTMS", "GomezAgent", "masscan", "zgrab", "Nmap", "sqlmap", "Nikto", "Xenu",
        // link-preview fetchers and crawlers without a crawler word in their name
        "facebookexternalhit", "WhatsApp", "WhatsApp+", "TelegramBot", "ia_archiver", "Mediapartners-Google", "AppEngine-Google",
        "Google-InspectionTool", "GoogleOther", "Yeti", "heritrix", "Nutch", "ichiro", "Vagabondo", "Daumoa",
        "Genieo", "holmes", "NING", "Pompos", "INGRID", "ZyBorg", "scooter", "voyager", "htdig", "ZooShot", "Squrl",
        "YahooCacheSystem", "YahooMailProxy", "VSE", "Llaut", "BUbiNG", "IconSurf",
        "OgScrper", "Isara-Search", "semanticdiscovery", "Charlotte", "Goodzer", "Peew", "Infohelfer", "WebCrunch",
        "NewsGatorOnline", "NewsGator", "YahooSeeker", "Qwantify", "Kraken", "LEIA", "Orbiter", "Riddler",
        "Netvibes", "PagePeeker", "Wotbox", "axadine", "camoca", "wsr-agent", "Accoona-AI-Agent", "Ask Jeeves",
    };

    /// <summary>Product-name prefixes of script and SDK clients (<c>aws-sdk-go</c>, <c>python-urllib3</c>, ...).</summary>
    public static readonly string[] ToolPrefixes =
    [
        "aws-sdk-", "ibm-cos-sdk", "unirest-", "Java-", "python-", "Python-", "Go-http", "libcurl", "Apache-Http",
        "Boto", "botocore", "node-", "Ruby", "PHP-", "Wget", "Scrapy",
    ];

    /// <summary>Product names that mark a script only as the first product: <c>Java/1.8</c> is a client,
    /// a feature phone's <c>… Java/ASVM/1.1 Profile/MIDP-2.1</c> lists a capability.</summary>
    public static readonly HashSet<string> LeadingTools = new(StringComparer.OrdinalIgnoreCase) { "Java", "Dart" };

    /// <summary>Substrings that mark a crawler in a product name or a comment item.</summary>
    public static readonly string[] CrawlerWords =
    [
        "bot", "crawl", "spider", "slurp", "scrap", "scaper", "mediapartners", "fetch", "preview", "archive",
        "indexer", "nutch", "larbin", "heritrix", "thumb", "-sdk-", "monitor", "pinger", "prober", "scanner", "sniffer", "sleuth", "validator", "checker", "headless",
    ];

    /// <summary>
    /// Products and comment items that hold a crawler word but are no bots: devices (<c>CUBOT X30</c>, a
    /// phone brand) and browsers (<c>MozillaDeveloperPreview</c>). Android device items
    /// (<c>… Build/…</c>) are skipped anyway.
    /// </summary>
    public static readonly string[] NotBots = ["CUBOT", "Robotics", "Roboto", "MozillaDeveloperPreview"];

    /// <summary>
    /// Marks of a contact URL: crawlers name their home page (<c>+https://example.com/bot.html</c>); browsers
    /// never do. A bare <c>www.</c> is not one (proxies and old browser builds add such names).
    /// </summary>
    public static readonly string[] UrlMarks = ["http://", "https://"];

    /// <summary>Product tokens of Microsoft Edge (Chromium and EdgeHTML).</summary>
    public static readonly string[] EdgeProducts = ["Edg", "EdgA", "EdgiOS", "Edge"];

    /// <summary>Product tokens of Opera: OPR (Chromium), OPX (Opera GX), OPT (Touch), OPiOS, Coast (iOS), Presto <c>Opera</c>.</summary>
    public static readonly string[] OperaProducts = ["OPR", "OPX", "OPT", "OPiOS", "Coast", "Opera", "OperaMini"];

    /// <summary>Product tokens of Opera only next to a Chromium token: <c>MMS</c> is Opera Neon
    /// (<c>… Chrome/53 Safari/537.36 MMS/1.0</c>), but a feature phone's MMS client elsewhere.</summary>
    public static readonly string[] OperaChromiumProducts = ["MMS"];

    /// <summary>Comment items of Opera Mini and Opera Mobile on feature phones.</summary>
    public static readonly string[] OperaItems = ["Opera Mini", "Opera Mobi", "Opera Tablet", "Opera"];

    /// <summary>Product tokens of Firefox, its pre-release names included.</summary>
    public static readonly string[] FirefoxProducts =
        ["Firefox", "FxiOS", "Fennec", "Minefield", "Namoroka", "GranParadiso", "Lorentz"];

    /// <summary>Product tokens of Google Chrome and of Chromium builds.</summary>
    public static readonly string[] ChromeProducts = ["Chrome", "CriOS", "Chromium"];

    /// <summary>
    /// The only products Google Chrome sends (<c>Mozilla/5.0 (…) AppleWebKit/537.36 (KHTML, like Gecko)
    /// Chrome/124.0.0.0 [Mobile] Safari/537.36</c>). Any other product is another brand or an app's web view
    /// that copied Chrome's tokens (<c>Version/4.0</c> is Android's WebView and stock browser).
    /// </summary>
    public static readonly HashSet<string> ChromeShape = new(StringComparer.OrdinalIgnoreCase)
    {
        "Mozilla", "AppleWebKit", "Chrome", "CriOS", "Chromium", "Mobile", "Safari", "Ubuntu", "Gecko",
    };

    /// <summary>
    /// The only products Apple Safari sends (<c>… AppleWebKit/605 (KHTML, like Gecko) Version/17.4
    /// [Mobile/15E148] Safari/604.1</c>, or its own fetches <c>Safari/19618 CFNetwork/1494 Darwin/23.4.0</c>).
    /// </summary>
    public static readonly HashSet<string> SafariShape = new(StringComparer.OrdinalIgnoreCase)
    {
        "Mozilla", "AppleWebKit", "Version", "Mobile", "Safari", "CFNetwork", "Darwin",
    };

    /// <summary>
    /// Brands built on Chromium/WebKit/Gecko that are none of the five families though they carry
    /// Chrome/Safari/Firefox tokens: matched as a whole product name, or after a vendor prefix
    /// (<c>XiaoMi/MiuiBrowser/12.1</c>).
    /// </summary>
    public static readonly string[] OtherBrowsers =
    [
        "SamsungBrowser", "YaBrowser", "Yowser", "UCBrowser", "UBrowser", "UCMobile", "Vivaldi", "Silk", "MiuiBrowser",
        "HuaweiBrowser", "HeyTapBrowser", "HonorBrowser", "Whale", "DuckDuckGo", "Ddg", "Brave", "QQBrowser",
        "MQQBrowser", "Puffin", "coc_coc_browser", "Maxthon", "Electron", "GSA", "Instagram", "SeaMonkey", "Waterfox",
        "PaleMoon", "Focus", "Klar", "FBAV", "FBAN", "Line", "Iceweasel", "IceCat", "Camino", "Flock", "Navigator",
        "Netscape", "K-Meleon", "Epiphany", "Galeon", "Kazehakase", "Songbird", "Thunderbird", "conkeror",
        "Iceape", "Basilisk", "Swiftfox", "Sailfish", "SailfishBrowser", "Wolvic", "Mypal", "Minimo", "Lunascape", "OmniWeb", "Shiira", "iCab",
        "Midori", "Arora", "QupZilla", "Otter", "Falkon", "Kinza", "Iron", "Comodo_Dragon", "Dragon", "RockMelt",
        "Sleipnir", "Mb2345Browser", "LieBaoFast", "baiduboxapp", "SogouMobileBrowser", "VivoBrowser", "OppoBrowser",
    ];
}
