using L7Gate.Configuration;
using L7Gate.Proxy.Forwarding;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace L7Gate.Limits;

/// <summary>Registers the limits a gateway ships with (README "Limits and timeouts").</summary>
public static class LimitsHostingExtensions
{
    /// <summary>Validates <c>Forwarding</c> and <c>Kestrel:Limits</c> with every candidate config and gives Kestrel L7Gate's defaults.</summary>
    public static WebApplicationBuilder AddL7GateLimits(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddConfigSectionValidator<ForwardingOptions, ForwardingOptionsValidator>(ForwardingOptions.SectionName);
        services.AddConfigSectionValidator<KestrelLimitsOptions, KestrelLimitsOptionsValidator>(KestrelLimitsOptions.SectionName);
        services.AddSingleton<IConfigureOptions<KestrelServerOptions>, KestrelLimitsSetup>();
        return builder;
    }
}
