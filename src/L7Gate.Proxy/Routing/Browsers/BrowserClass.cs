namespace L7Gate.Proxy.Routing.Browsers;

/// <summary>
/// What a client is, as far as routing cares: at most one browser family, plus one class
/// (<see cref="Mobile"/>, <see cref="Desktop"/> or, alone, <see cref="Bot"/>).
/// </summary>
[Flags]
public enum BrowserClass
{
    /// <summary>Nothing known (no User-Agent); only the fallback route serves it.</summary>
    None = 0,

    /// <summary>Google Chrome (not Edge, Opera, Samsung Internet or other Chromium-based browsers).</summary>
    Chrome = 1 << 0,

    /// <summary>Microsoft Edge, Chromium-based (Edg, EdgA, EdgiOS) or legacy EdgeHTML (Edge).</summary>
    Edge = 1 << 1,

    /// <summary>Mozilla Firefox (Firefox, FxiOS).</summary>
    Firefox = 1 << 2,

    /// <summary>Apple Safari on macOS, iOS and iPadOS (not other iOS browsers).</summary>
    Safari = 1 << 3,

    /// <summary>Opera (OPR, OPT, OPiOS, Presto Opera, Opera Mini).</summary>
    Opera = 1 << 4,

    /// <summary>A phone-class device (Sec-CH-UA-Mobile ?1, or the UA says so). Tablets are not Mobile.</summary>
    Mobile = 1 << 5,

    /// <summary>A browser that is neither Mobile nor Bot.</summary>
    Desktop = 1 << 6,

    /// <summary>A crawler, preview fetcher, headless browser or scripting HTTP client (curl, wget, ...).</summary>
    Bot = 1 << 7,

    /// <summary>The browser families.</summary>
    Families = Chrome | Edge | Firefox | Safari | Opera,
}
