using System.Diagnostics.Metrics;
using L7Gate.Proxy.Configuration;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Yarp.ReverseProxy.Configuration;

namespace L7Gate.Proxy.Tests.Routing.Functional;

/// <summary>
/// A minimal real proxy: WebApplication on Kestrel loopback, YARP from memory with L7Gate route
/// metadata, <c>AddL7GateRouting()</c> and <c>MapReverseProxy().AddL7GateRouteMatchers()</c>, in
/// front of a real <see cref="EchoBackend"/>. Routes (all Order 0 unless said):
/// <list type="bullet">
/// <item>/{**catch-all}: zh (zh-CN,zh), en (en), default (no Languages); query-zh (?lang=zh, Order -5)</item>
/// <item>/o/{**rest}: o-zh (zh), o-fallback (Order -10), o-zh at Order -5</item>
/// <item>/b/{**rest}: edge (Edge), chrome (Chrome), safari (Safari), mobile (Mobile), bot (Bot), b-default</item>
/// <item>/plain/{**rest}: plain (no L7Gate keys)</item>
/// </list>
/// </summary>
public sealed class RoutingProxyFixture : IAsyncLifetime
{
    private EchoBackend? _backend;
    private WebApplication? _proxy;

    public HttpClient Client { get; private set; } = null!;

    public IMeterFactory MeterFactory => _proxy!.Services.GetRequiredService<IMeterFactory>();

    public async Task InitializeAsync()
    {
        _backend = await EchoBackend.StartAsync();

        var routes = new List<RouteConfig>
        {
            Route("zh", "/{**catch-all}", languages: "zh-CN,zh"),
            Route("en", "/{**catch-all}", languages: "en"),
            Route("default", "/{**catch-all}"),
            Route("query-zh", "/{**catch-all}", order: -5) with
            {
                Match = new RouteMatch
                {
                    Path = "/{**catch-all}",
                    QueryParameters = [new RouteQueryParameter { Name = "lang", Values = ["zh"], Mode = QueryParameterMatchMode.Exact }],
                },
            },
            Route("o-zh", "/o/{**rest}", languages: "zh", order: -5),
            Route("o-fallback", "/o/{**rest}", order: -10),
            Route("edge", "/b/{**rest}", browsers: "Edge"),
            Route("chrome", "/b/{**rest}", browsers: "Chrome"),
            Route("safari", "/b/{**rest}", browsers: "Safari"),
            Route("mobile", "/b/{**rest}", browsers: "Mobile"),
            Route("bot", "/b/{**rest}", browsers: "Bot"),
            Route("b-default", "/b/{**rest}"),
            Route("plain", "/plain/{**rest}"),
        };
        var clusters = routes.Select(r => new ClusterConfig
        {
            ClusterId = r.ClusterId!,
            Destinations = new Dictionary<string, DestinationConfig>
            {
                ["d1"] = new() { Address = $"{_backend.Url}/{r.ClusterId}" },
            },
        }).ToList();

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddReverseProxy().LoadFromMemory(routes, clusters);
        builder.Services.AddL7GateRouting();
        _proxy = builder.Build();
        _proxy.MapReverseProxy().AddL7GateRouteMatchers();
        await _proxy.StartAsync();

        Client = new HttpClient { BaseAddress = new Uri(_proxy.Urls.Single()) };
        Client.DefaultRequestHeaders.UserAgent.Clear();
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        if (_proxy is not null)
        {
            await _proxy.StopAsync();
            await _proxy.DisposeAsync();
        }

        if (_backend is not null)
        {
            await _backend.DisposeAsync();
        }
    }

    private static RouteConfig Route(string id, string path, string? languages = null, string? browsers = null, int? order = null)
    {
        var metadata = new Dictionary<string, string>();
        if (languages is not null)
        {
            metadata[L7GateMetadataKeys.Languages] = languages;
        }

        if (browsers is not null)
        {
            metadata[L7GateMetadataKeys.Browsers] = browsers;
        }

        return new RouteConfig { RouteId = id, ClusterId = id, Order = order, Match = new RouteMatch { Path = path }, Metadata = metadata };
    }
}
