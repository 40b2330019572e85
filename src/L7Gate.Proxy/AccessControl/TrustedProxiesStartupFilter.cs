using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace L7Gate.Proxy.AccessControl;

/// <summary>
/// Outermost step of the proxy listeners: ASP.NET Core's forwarded-headers middleware, believing X-Forwarded-For and
/// X-Forwarded-Proto only from <see cref="TrustedProxiesOptions.Networks"/>. Its defaults (loopback trusted) are
/// cleared: only what the config lists is trusted. Not added at all when nothing is listed.
/// </summary>
internal sealed class TrustedProxiesStartupFilter : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        var trusted = app.ApplicationServices.GetRequiredService<IOptions<TrustedProxiesOptions>>().Value;
        if (trusted.Networks.Count > 0)
        {
            var options = new ForwardedHeadersOptions
            {
                ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto,
                ForwardLimit = trusted.ForwardLimit,
            };
            options.KnownIPNetworks.Clear();
            options.KnownProxies.Clear();
            foreach (var network in CidrList.Parse(trusted.Networks))
            {
                options.KnownIPNetworks.Add(network);
            }

            app.UseForwardedHeaders(options);
        }

        next(app);
    };
}
