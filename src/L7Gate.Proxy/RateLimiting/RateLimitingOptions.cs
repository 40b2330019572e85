namespace L7Gate.Proxy.RateLimiting;

/// <summary>
/// The <c>RateLimiting</c> section: named policies a route picks with YARP's own <c>RateLimiterPolicy</c> key. Built
/// on ASP.NET Core's rate limiter, so YARP checks at load time that a route's policy exists. Read at startup (the
/// limiter's policy table is fixed when the host starts; a change is reported as pending restart).
/// </summary>
public sealed class RateLimitingOptions
{
    /// <summary>Section name.</summary>
    public const string SectionName = "RateLimiting";

    /// <summary>Policies by name.</summary>
    public Dictionary<string, RateLimitPolicyOptions> Policies { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}
