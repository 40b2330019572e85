namespace L7Gate.Proxy.Routing.Browsers;

/// <summary>One product token of a User-Agent: <c>product = token ["/" product-version]</c>.</summary>
/// <param name="Name">The token before the slash.</param>
/// <param name="Version">The version after the slash, if any.</param>
public readonly record struct UserAgentProduct(string Name, string? Version);
