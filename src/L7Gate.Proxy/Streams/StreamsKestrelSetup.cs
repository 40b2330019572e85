using System.Net;
using L7Gate.Proxy.Streams.Configuration;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace L7Gate.Proxy.Streams;

/// <summary>
/// Adds each L4 listener endpoint to the host's own Kestrel with <see cref="StreamConnectionHandler"/> as its whole
/// connection pipeline (no HTTP). Kestrel ignores <c>Urls</c> as soon as any endpoint is configured in code, so when
/// there are listeners and no <c>Kestrel:Endpoints</c>, the proxy's <c>Urls</c> are bound here as endpoints too
/// (http, https with the default certificate, IP literals, <c>*</c>/<c>+</c>, <c>localhost</c>, <c>unix:</c>) and the
/// proxy listens exactly where it did without Streams.
/// </summary>
internal sealed class StreamsKestrelSetup(
    IOptions<StreamsOptions> options,
    IConfiguration configuration,
    StreamConnectionHandler handler,
    StreamListenerEndpoints endpoints,
    StreamsUrlsTakeover takeover,
    ILogger<StreamsKestrelSetup> logger) : IConfigureOptions<KestrelServerOptions>
{
    public void Configure(KestrelServerOptions kestrel)
    {
        var listeners = options.Value.Listeners;
        if (listeners.Count == 0)
        {
            return;
        }

        if (!configuration.GetSection("Kestrel:Endpoints").GetChildren().Any() && configuration[WebHostDefaults.ServerUrlsKey] is { Length: > 0 } urls)
        {
            foreach (var url in urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                BindUrl(kestrel, url);
            }

            takeover.TookOver = true;
            StreamsLog.UrlsTakenOver(logger, urls);
        }

        foreach (var (name, listener) in listeners)
        {
            foreach (var text in listener.Endpoints)
            {
                if (StreamBindAddress.TryParse(text) is not { } address)
                {
                    continue; // reported by the validator; the config never gets here
                }

                void Pipeline(ListenOptions listen)
                {
                    listen.Use(_ => connection => handler.HandleAsync(connection, name));
                    endpoints.Add(name, listen);
                }

                if (address.IsLocalhost && address.Port != 0)
                {
                    kestrel.ListenLocalhost(address.Port, Pipeline);
                }
                else if (address.Address is null && !address.IsLocalhost)
                {
                    kestrel.ListenAnyIP(address.Port, Pipeline);
                }
                else
                {
                    kestrel.Listen(address.Address ?? IPAddress.Loopback, address.Port, Pipeline);
                }

                StreamsLog.Bound(logger, name, text);
            }
        }
    }

    private static void BindUrl(KestrelServerOptions kestrel, string url)
    {
        var binding = BindingAddress.Parse(url);
        var https = string.Equals(binding.Scheme, "https", StringComparison.OrdinalIgnoreCase);
        void Configure(ListenOptions listen)
        {
            if (https)
            {
                listen.UseHttps();
            }
        }

        if (binding.IsUnixPipe)
        {
            kestrel.ListenUnixSocket(binding.UnixPipePath, Configure);
        }
        else if (binding.Host is "*" or "+" or "")
        {
            kestrel.ListenAnyIP(binding.Port, Configure);
        }
        else if (string.Equals(binding.Host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            if (binding.Port == 0)
            {
                kestrel.Listen(IPAddress.Loopback, 0, Configure);
            }
            else
            {
                kestrel.ListenLocalhost(binding.Port, Configure);
            }
        }
        else if (IPAddress.TryParse(binding.Host.Trim('[', ']'), out var ip))
        {
            kestrel.Listen(ip, binding.Port, Configure);
        }
        else
        {
            // A host name: Kestrel itself binds those to every address.
            kestrel.ListenAnyIP(binding.Port, Configure);
        }
    }
}
