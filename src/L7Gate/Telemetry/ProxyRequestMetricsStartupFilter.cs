using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace L7Gate.Telemetry;

/// <summary>Puts <see cref="ProxyRequestMetricsMiddleware"/> in front of the host's pipeline, so its timing covers retries and transforms.</summary>
internal sealed class ProxyRequestMetricsStartupFilter : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.UseMiddleware<ProxyRequestMetricsMiddleware>();
        next(app);
    };
}
