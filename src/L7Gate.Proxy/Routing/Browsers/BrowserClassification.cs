namespace L7Gate.Proxy.Routing.Browsers;

/// <summary>The result of classifying one client.</summary>
/// <param name="Class">Family and class flags.</param>
/// <param name="Ignored">Headers that were malformed or oversized and so were not used.</param>
public readonly record struct BrowserClassification(BrowserClass Class, ClientHeaders Ignored);
