namespace L7Gate.Proxy.Configuration;

/// <summary>
/// The keys L7Gate adds to a YARP route's <c>Match</c> section. Bound per route so the routing feature can plug an
/// <c>IValidator&lt;RouteMatchExtensions&gt;</c> into whole-config validation.
/// </summary>
public sealed class RouteMatchExtensions
{
    /// <summary>Language tags this route serves ("zh-CN", "zh"), matched against Accept-Language.</summary>
    public List<string>? Languages { get; set; }

    /// <summary>Browser families or classes this route serves ("Edge", "Mobile"), matched against User-Agent.</summary>
    public List<string>? Browsers { get; set; }
}
