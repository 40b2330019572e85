using System.Text;
using System.Text.RegularExpressions;
using L7Gate.Proxy.Configuration;
using Yarp.ReverseProxy.Configuration;

namespace L7Gate.Proxy.Warmup;

/// <summary>
/// Shapes one request per route from its match: a path that fits the template, the first host, method, header and
/// query value it names, its first language as Accept-Language and a User-Agent of its first browser class, so every
/// route kind (path, host, header, query, language, browser) has its matcher code run.
/// </summary>
public static partial class WarmupRequestBuilder
{
    // Typical User-Agents per class L7Gate routes on (Match.Browsers names).
    private static readonly Dictionary<string, string> s_userAgents = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Chrome"] = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
        ["Edge"] = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0",
        ["Firefox"] = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0",
        ["Safari"] = "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15",
        ["Opera"] = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36 OPR/115.0.0.0",
        ["Mobile"] = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1",
        ["Desktop"] = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
        ["Bot"] = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
    };

    private const string DefaultUserAgent = "L7Gate-Warmup/1.0";

    /// <summary>The request for <paramref name="route"/>.</summary>
    public static WarmupRequest For(RouteConfig route)
    {
        var match = route.Match;
        var headers = new List<KeyValuePair<string, string>>();
        foreach (var header in match.Headers ?? [])
        {
            if (Value(header.Mode, header.Values) is { } value)
            {
                headers.Add(new(header.Name, value));
            }
        }

        var metadata = route.Metadata;
        var languages = metadata?.GetValueOrDefault(L7GateMetadataKeys.Languages);
        headers.Add(new("Accept-Language", string.IsNullOrEmpty(languages) ? "en" : languages.Split(',')[0].Trim()));
        var browsers = metadata?.GetValueOrDefault(L7GateMetadataKeys.Browsers);
        var browser = string.IsNullOrEmpty(browsers) ? null : browsers.Split(',')[0].Trim();
        headers.Add(new("User-Agent", browser is not null && s_userAgents.TryGetValue(browser, out var ua) ? ua : DefaultUserAgent));

        var path = new StringBuilder(Path(match.Path));
        var separator = '?';
        foreach (var query in match.QueryParameters ?? [])
        {
            if (QueryValue(query.Mode, query.Values) is { } value)
            {
                path.Append(separator).Append(Uri.EscapeDataString(query.Name)).Append('=').Append(Uri.EscapeDataString(value));
                separator = '&';
            }
        }

        var host = match.Hosts?.FirstOrDefault() is { } h ? h.Replace("*.", "warmup.", StringComparison.Ordinal) : null;
        var method = match.Methods?.FirstOrDefault() ?? "GET";
        return new WarmupRequest(route.RouteId, method, path.ToString(), host, headers);
    }

    /// <summary>A path the template matches: parameters become "1", catch-alls "warmup".</summary>
    public static string Path(string? template)
    {
        if (string.IsNullOrEmpty(template))
        {
            return "/";
        }

        var path = CatchAll().Replace(template, "warmup");
        path = Parameter().Replace(path, "1");
        return path.StartsWith('/') ? path : "/" + path;
    }

    private static string? Value(HeaderMatchMode mode, IReadOnlyList<string>? values) => mode switch
    {
        HeaderMatchMode.NotContains or HeaderMatchMode.NotExists => null,
        HeaderMatchMode.Exists => "1",
        _ => values is { Count: > 0 } ? values[0] : null,
    };

    private static string? QueryValue(QueryParameterMatchMode mode, IReadOnlyList<string>? values) => mode switch
    {
        QueryParameterMatchMode.NotContains => null,
        QueryParameterMatchMode.Exists => "1",
        _ => values is { Count: > 0 } ? values[0] : null,
    };

    [GeneratedRegex(@"\{\*\*?[^}]*\}")]
    private static partial Regex CatchAll();

    [GeneratedRegex(@"\{[^}]*\}")]
    private static partial Regex Parameter();
}
