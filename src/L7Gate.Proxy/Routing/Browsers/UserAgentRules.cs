namespace L7Gate.Proxy.Routing.Browsers;

/// <summary>
/// The ordered rules that turn User-Agent tokens into a <see cref="BrowserClass"/>; the token lists are
/// data in <see cref="UserAgentTokenLists"/>. Brands are told apart by their own product tokens, checked
/// before the tokens they copy (every Chromium browser also says <c>Chrome</c> and <c>Safari</c>, every
/// browser says <c>Mozilla</c>), and Chrome and Safari also by their exact shape: an extra product means
/// another brand or an app's web view.
/// </summary>
internal static class UserAgentRules
{
    /// <summary>
    /// True when the agent is a crawler, a preview fetcher, a monitor, a headless browser or a script:
    /// a tool's product name, a crawler word in a product or comment item (devices such as
    /// <c>CUBOT X30</c> excepted), a contact URL, or a WebKit agent that says <c>compatible</c> as crawlers
    /// dressed as Chrome do (<c>(compatible; AdsBot-Google-Mobile; +http://…)</c>).
    /// </summary>
    public static bool IsBot(string userAgent, UserAgentTokens ua)
    {
        if (ContainsAny(userAgent, UserAgentTokenLists.UrlMarks))
        {
            return true;
        }

        var products = ua.Products;
        for (var i = 0; i < products.Count; i++)
        {
            var (name, version) = products[i];
            if (IsNotBot(name))
            {
                continue;
            }

            // The version too: "agent6/Nutch-1.1", "Unchaos/Crawler".
            if (IsTool(name) || (i == 0 && UserAgentTokenLists.LeadingTools.Contains(name))
                || ContainsAny(name, UserAgentTokenLists.CrawlerWords)
                || (version is not null && ContainsAny(version, UserAgentTokenLists.CrawlerWords)))
            {
                return true;
            }
        }

        var webKit = false;
        foreach (var item in ua.CommentItems)
        {
            if (IsNotBot(item))
            {
                continue;
            }

            // "Googlebot/2.1", "GomezAgent 2.0", "ZyBorg": the item's first word is a product name.
            var end = item.AsSpan().IndexOfAny('/', ' ');
            var name = end > 0 ? item[..end] : item;
            if (IsTool(name) || UserAgentTokenLists.Tools.Contains(item) || ContainsAny(item, UserAgentTokenLists.CrawlerWords))
            {
                return true;
            }

            webKit |= item.StartsWith("KHTML", StringComparison.OrdinalIgnoreCase);
        }

        return webKit && ua.HasCommentItem("compatible") && ua.HasProduct("AppleWebKit");
    }

    /// <summary>The browser family the UA names, or <see cref="BrowserClass.None"/>.</summary>
    public static BrowserClass Family(UserAgentTokens ua)
    {
        if (HasAnyProduct(ua, UserAgentTokenLists.EdgeProducts))
        {
            return BrowserClass.Edge;
        }

        var chromium = HasAnyProduct(ua, UserAgentTokenLists.ChromeProducts);
        if (HasAnyProduct(ua, UserAgentTokenLists.OperaProducts) || HasAnyItem(ua, UserAgentTokenLists.OperaItems)
            || (chromium && HasAnyProduct(ua, UserAgentTokenLists.OperaChromiumProducts)))
        {
            return BrowserClass.Opera;
        }

        if (IsOtherBrowser(ua))
        {
            return BrowserClass.None;
        }

        if (HasAnyProduct(ua, UserAgentTokenLists.FirefoxProducts))
        {
            return BrowserClass.Firefox;
        }

        if (chromium)
        {
            // Android WebView ("; wv)") is an app's embedded view, not the Chrome browser; so is any
            // agent with a product Chrome does not send (Version/4.0, an app's own token).
            return ua.HasCommentItem("wv") || !HasOnly(ua, UserAgentTokenLists.ChromeShape) ? BrowserClass.None : BrowserClass.Chrome;
        }

        // Safari: Apple's platforms (Safari 1-2 sent no Version), or Version + Windows (Safari for
        // Windows 3-5); Android's stock browser copies Version and Safari on Linux. A WebKit build
        // ("AppleWebKit/537.1+") is a WebKit nightly, not Safari.
        if (ua.HasProduct("Safari") && HasOnly(ua, UserAgentTokenLists.SafariShape) && !IsWebKitNightly(ua)
            && (IsApplePlatform(ua) || ua.HasProduct("Darwin") || (ua.HasProduct("Version") && ua.HasCommentItem("Windows"))))
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

    private static bool IsTool(string name)
    {
        if (UserAgentTokenLists.Tools.Contains(name))
        {
            return true;
        }

        foreach (var prefix in UserAgentTokenLists.ToolPrefixes)
        {
            if (name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsWebKitNightly(UserAgentTokens ua)
    {
        foreach (var product in ua.Products)
        {
            if (product.Version is { Length: > 0 } version && version[^1] == '+'
                && product.Name.Equals("AppleWebKit", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    // "CUBOT X30", "SM-G960F Build/R16NW": a device model, whatever letters it holds.
    private static bool IsNotBot(string token)
    {
        if (token.Contains(" Build/", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        foreach (var device in UserAgentTokenLists.NotBots)
        {
            if (token.StartsWith(device, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsOtherBrowser(UserAgentTokens ua)
    {
        foreach (var product in ua.Products)
        {
            if (product.Name.StartsWith("[FB", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }

            foreach (var other in UserAgentTokenLists.OtherBrowsers)
            {
                // "XiaoMi/MiuiBrowser/12.1": the brand sits after a vendor prefix, in the version part.
                if (string.Equals(product.Name, other, StringComparison.OrdinalIgnoreCase)
                    || (product.Version is { } version && version.StartsWith(other, StringComparison.OrdinalIgnoreCase)
                        && version.Length > other.Length && version[other.Length] == '/'))
                {
                    return true;
                }
            }
        }

        return false;
    }

    // Every product is in the shape; a last product cut short ("Mobile S", "Mob") by a length limit
    // upstream still counts when it starts one of the shape's names.
    private static bool HasOnly(UserAgentTokens ua, HashSet<string> allowed)
    {
        var products = ua.Products;
        for (var i = 0; i < products.Count; i++)
        {
            var name = products[i].Name;
            if (!allowed.Contains(name)
                && !(i == products.Count - 1 && products[i].Version is null && IsTruncatedShapeName(name)))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsTruncatedShapeName(string name) =>
        name.Length > 0 && ("Mobile".StartsWith(name, StringComparison.Ordinal) || "Safari".StartsWith(name, StringComparison.Ordinal));

    private static bool HasAnyProduct(UserAgentTokens ua, string[] names)
    {
        foreach (var name in names)
        {
            if (ua.HasProduct(name))
            {
                return true;
            }
        }

        return false;
    }

    private static bool HasAnyItem(UserAgentTokens ua, string[] prefixes)
    {
        foreach (var prefix in prefixes)
        {
            if (ua.HasCommentItem(prefix))
            {
                return true;
            }
        }

        return false;
    }

    private static bool ContainsAny(string text, string[] words)
    {
        foreach (var word in words)
        {
            if (text.Contains(word, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
