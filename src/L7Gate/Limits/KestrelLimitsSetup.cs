using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace L7Gate.Limits;

/// <summary>Applies <see cref="KestrelLimitsOptions"/> (the operator's values, or L7Gate's defaults) to the proxy's Kestrel server.</summary>
internal sealed class KestrelLimitsSetup(IConfiguration configuration) : IConfigureOptions<KestrelServerOptions>
{
    public void Configure(KestrelServerOptions options)
    {
        var configured = new KestrelLimitsOptions();
        configuration.GetSection(KestrelLimitsOptions.SectionName).Bind(configured);
        Apply(configured, options.Limits);
    }

    /// <summary>Sets each limit to its configured value, or L7Gate's default when unset.</summary>
    internal static void Apply(KestrelLimitsOptions configured, KestrelServerLimits limits)
    {
        limits.MaxConcurrentConnections = configured.MaxConcurrentConnections ?? KestrelLimitsOptions.DefaultMaxConcurrentConnections;
        limits.KeepAliveTimeout = configured.KeepAliveTimeout ?? KestrelLimitsOptions.DefaultKeepAliveTimeout;
        limits.RequestHeadersTimeout = configured.RequestHeadersTimeout ?? KestrelLimitsOptions.DefaultRequestHeadersTimeout;
        var rate = configured.MinResponseDataRate ?? new MinResponseDataRateOptions();
        limits.MinResponseDataRate = rate.BytesPerSecond > 0 ? new MinDataRate(rate.BytesPerSecond, rate.GracePeriod) : null;
    }
}
