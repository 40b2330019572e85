using System.Collections.Concurrent;

namespace L7Gate.Proxy.Routing.Browsers;

/// <summary>
/// Classifies a client from User-Agent and the Sec-CH-UA / Sec-CH-UA-Mobile client hints (spec §5),
/// remembering results in a bounded cache: a site sees few distinct agents, so the per-request cost
/// is one dictionary lookup.
/// </summary>
/// <remarks>
/// Precedence: a bot UA is a Bot and nothing else (a crawler is not a browser family, nor Mobile or
/// Desktop). Otherwise a Sec-CH-UA brand list that names Microsoft Edge, Opera or Google Chrome decides
/// the family; one that names another brand (Brave, Samsung Internet, ...) means "none of the five";
/// one with only Chromium and GREASE brands leaves it to the UA. Sec-CH-UA-Mobile, when present,
/// decides Mobile vs Desktop. No User-Agent and no hints gives <see cref="BrowserClass.None"/>.
/// </remarks>
public sealed class BrowserClassifier
{
    /// <summary>Longest User-Agent classified; longer ones are ignored (real ones stay under 512).</summary>
    public const int MaxUserAgentLength = 1024;

    /// <summary>Most cached classifications; the cache starts over when it fills.</summary>
    public const int CacheCapacity = 4096;

    private readonly ConcurrentDictionary<(string UserAgent, string SecChUa, string SecChUaMobile), BrowserClassification> _cache = new();
    private int _cached;

    /// <summary>Number of cached classifications (for tests and diagnostics).</summary>
    public int CachedCount => Volatile.Read(ref _cached);

    /// <summary>Classifies a client, from the cache when it has been seen.</summary>
    public BrowserClassification Classify(string? userAgent, string? secChUa, string? secChUaMobile)
    {
        var key = (userAgent ?? string.Empty, secChUa ?? string.Empty, secChUaMobile ?? string.Empty);
        if (key.Item1.Length > MaxUserAgentLength)
        {
            // Not cached: a flood of unique huge agents must not evict real ones.
            return ClassifyUncached(userAgent, secChUa, secChUaMobile);
        }

        if (_cache.TryGetValue(key, out var cached))
        {
            return cached;
        }

        var result = ClassifyUncached(userAgent, secChUa, secChUaMobile);
        if (Interlocked.Increment(ref _cached) > CacheCapacity)
        {
            // Starting over bounds memory with no per-entry bookkeeping; frequent agents come back at once.
            _cache.Clear();
            Volatile.Write(ref _cached, 1);
        }

        if (!_cache.TryAdd(key, result))
        {
            Interlocked.Decrement(ref _cached);
        }

        return result;
    }

    /// <summary>Classifies a client without the cache.</summary>
    public static BrowserClassification ClassifyUncached(string? userAgent, string? secChUa, string? secChUaMobile)
    {
        var ignored = ClientHeaders.None;
        UserAgentTokens? ua = null;
        if (!string.IsNullOrWhiteSpace(userAgent))
        {
            if (userAgent.Length > MaxUserAgentLength)
            {
                ignored |= ClientHeaders.UserAgent;
            }
            else
            {
                ua = UserAgentTokenizer.Tokenize(userAgent);
                if (UserAgentRules.IsBot(userAgent, ua))
                {
                    return new BrowserClassification(BrowserClass.Bot, ignored);
                }
            }
        }

        BrowserClass? hintedFamily = null;
        if (secChUa is not null)
        {
            if (ClientHints.TryParseBrands(secChUa, out var brands))
            {
                hintedFamily = FamilyFromBrands(brands);
            }
            else
            {
                ignored |= ClientHeaders.SecChUa;
            }
        }

        bool? hintedMobile = null;
        if (secChUaMobile is not null)
        {
            if (ClientHints.TryParseMobile(secChUaMobile, out var mobile))
            {
                hintedMobile = mobile;
            }
            else
            {
                ignored |= ClientHeaders.SecChUaMobile;
            }
        }

        if (ua is null && hintedFamily is null && hintedMobile is null)
        {
            return new BrowserClassification(BrowserClass.None, ignored);
        }

        var family = hintedFamily ?? (ua is null ? BrowserClass.None : UserAgentRules.Family(ua));
        var isMobile = hintedMobile ?? (ua is not null && UserAgentRules.IsMobile(ua));
        return new BrowserClassification(family | (isMobile ? BrowserClass.Mobile : BrowserClass.Desktop), ignored);
    }

    /// <summary>
    /// The family a Sec-CH-UA brand list names: Edge, Opera or Chrome; <see cref="BrowserClass.None"/>
    /// for another brand; null when only Chromium and GREASE brands are listed (the UA decides).
    /// </summary>
    internal static BrowserClass? FamilyFromBrands(IReadOnlyList<string> brands)
    {
        var other = false;
        var chrome = false;
        foreach (var brand in brands)
        {
            if (brand.Equals("Microsoft Edge", StringComparison.OrdinalIgnoreCase))
            {
                return BrowserClass.Edge;
            }

            if (brand.Equals("Opera", StringComparison.OrdinalIgnoreCase) || brand.StartsWith("Opera ", StringComparison.OrdinalIgnoreCase))
            {
                return BrowserClass.Opera;
            }

            if (brand.Equals("Google Chrome", StringComparison.OrdinalIgnoreCase))
            {
                chrome = true;
            }
            else if (!brand.Equals("Chromium", StringComparison.OrdinalIgnoreCase) && !ClientHints.IsGrease(brand))
            {
                other = true;
            }
        }

        return other ? BrowserClass.None : chrome ? BrowserClass.Chrome : null;
    }
}
