using L7Gate.Configuration;
using L7Gate.Proxy.Warmup;

namespace L7Gate.Warmup;

/// <summary>Plugs the <c>Warmup</c> section into whole-file validation (the service itself comes with the proxy).</summary>
public static class WarmupHostingExtensions
{
    /// <summary>Validates the <c>Warmup</c> section with every candidate config.</summary>
    public static WebApplicationBuilder AddL7GateWarmup(this WebApplicationBuilder builder)
    {
        builder.Services.AddConfigSectionValidator<WarmupOptions, WarmupOptionsValidator>(WarmupOptions.SectionName);
        return builder;
    }
}
