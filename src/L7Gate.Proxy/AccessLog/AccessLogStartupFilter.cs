using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace L7Gate.Proxy.AccessLog;

/// <summary>Puts <see cref="AccessLogMiddleware"/> in front of the proxy listeners' pipeline, so a line covers everything.</summary>
internal sealed class AccessLogStartupFilter : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.UseMiddleware<AccessLogMiddleware>();
        next(app);
    };
}
