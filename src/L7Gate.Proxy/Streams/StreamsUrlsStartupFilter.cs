using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace L7Gate.Proxy.Streams;

/// <summary>Runs after the host copied <c>Urls</c> into the server's addresses and before Kestrel binds: clears them when the L4 setup bound them as endpoints.</summary>
internal sealed class StreamsUrlsStartupFilter(IServer server, IOptions<KestrelServerOptions> kestrel, StreamsUrlsTakeover takeover) : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next)
    {
        _ = kestrel.Value; // the setup has run
        if (takeover.TookOver && server.Features.Get<IServerAddressesFeature>() is { Addresses: { IsReadOnly: false } addresses })
        {
            addresses.Clear();
        }

        return next;
    }
}
