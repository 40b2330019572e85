using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace L7Gate.Hosting;

/// <summary>
/// The proxy listeners exactly as the host read them when Kestrel started: <c>Kestrel:Endpoints:*:Url</c>, or
/// <c>Urls</c> when no endpoint is configured (Kestrel's own precedence). Kestrel is configured from this snapshot
/// with reloading off, so a changed file never re-binds a listener while the process runs (a failed re-bind used
/// to drop the working listener); the change waits for a restart and is reported as pending restart.
/// </summary>
public sealed class StartupListeners
{
    private IReadOnlyList<string> _configured = [];

    /// <summary>The proxy listener URLs configured at startup; empty until Kestrel has been configured.</summary>
    public IReadOnlyList<string> Configured => Volatile.Read(ref _configured);

    /// <summary>
    /// Configures Kestrel from a copy of the <c>Kestrel</c> section taken now, with reload off, and records the
    /// configured listener URLs. Called once, when Kestrel's options are built at server start.
    /// </summary>
    public void Configure(IConfiguration configuration, KestrelServerOptions kestrel)
    {
        var section = configuration.GetSection("Kestrel");
        var snapshot = new ConfigurationBuilder()
            .AddInMemoryCollection(section.AsEnumerable(makePathsRelative: true))
            .Build();
        kestrel.Configure(snapshot, reloadOnChange: false);

        var endpoints = snapshot.GetSection("Endpoints").GetChildren()
            .Select(endpoint => endpoint["Url"])
            .OfType<string>()
            .ToList();
        Volatile.Write(ref _configured, endpoints.Count > 0
            ? endpoints
            : ListenerBindings.Split(configuration[WebHostDefaults.ServerUrlsKey]));
    }

    /// <summary>The configured proxy listeners that <paramref name="server"/> does not report as bound.</summary>
    public IReadOnlyList<string> Unbound(IServer server) =>
        ListenerBindings.Unbound(Configured, server.Features.Get<IServerAddressesFeature>()?.Addresses ?? []);
}
