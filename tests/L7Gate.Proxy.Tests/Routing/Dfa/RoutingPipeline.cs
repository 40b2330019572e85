using L7Gate.Proxy.Configuration;
using L7Gate.Proxy.Routing.Browsers;
using L7Gate.Proxy.Routing.Headers;
using L7Gate.Proxy.Routing.Languages;
using L7Gate.Proxy.Routing.Vary;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Matching;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Model;

namespace L7Gate.Proxy.Tests.Routing.Dfa;

/// <summary>
/// The real ASP.NET Core routing pipeline (endpoint routing middleware, DFA matcher, every matcher policy)
/// over YARP routes loaded from memory with <c>AddL7GateRouting()</c> and <c>AddL7GateRouteMatchers()</c>,
/// run in-process on a <see cref="DefaultHttpContext"/>: it stops after routing and reports the chosen
/// route, the Vary record and how many candidates reached the selector policies. With
/// <c>nodePolicies: false</c> the DFA node policies are removed, which is routing as it was before them.
/// </summary>
internal sealed class RoutingPipeline : IAsyncDisposable
{
    private const string CandidatesKey = "test:candidates";
    private const string RouteKey = "test:route";

    private readonly WebApplication _app;
    private readonly RequestDelegate _pipeline;

    private RoutingPipeline(WebApplication app)
    {
        _app = app;
        _pipeline = ((IApplicationBuilder)app).Build();
    }

    /// <summary>What routing decided for one request.</summary>
    internal readonly record struct Decision(string Route, RoutingVary Vary, int Candidates)
    {
        public override string ToString() => $"{Route} vary={Vary}";
    }

    public static RoutingPipeline Create(IReadOnlyList<RouteConfig> routes, bool nodePolicies = true)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        var clusters = new[] { new ClusterConfig { ClusterId = "c", Destinations = new Dictionary<string, DestinationConfig> { ["d"] = new() { Address = "http://127.0.0.1:9/" } } } };
        builder.Services.AddReverseProxy().LoadFromMemory(routes, clusters);
        builder.Services.AddL7GateRouting();
        builder.Services.AddSingleton<MatcherPolicy, CandidateCountPolicy>();
        if (!nodePolicies)
        {
            var nodeTypes = new[] { typeof(HeaderNodePolicy), typeof(LanguageNodePolicy), typeof(BrowserNodePolicy) };
            foreach (var descriptor in builder.Services.Where(d => nodeTypes.Contains(d.ImplementationType)).ToList())
            {
                builder.Services.Remove(descriptor);
            }
        }

        var app = builder.Build();
        app.UseRouting();
        app.Use((HttpContext context, RequestDelegate _) =>
        {
            context.Items[RouteKey] = context.GetEndpoint()?.Metadata.GetMetadata<RouteModel>()?.Config.RouteId ?? "(none)";
            return Task.CompletedTask;
        });
        app.MapReverseProxy().AddL7GateRouteMatchers();
        return new RoutingPipeline(app);
    }

    public async Task<Decision> RouteAsync(string pathAndQuery, params (string Name, string Value)[] headers)
    {
        var context = new DefaultHttpContext { RequestServices = _app.Services };
        var query = pathAndQuery.IndexOf('?', StringComparison.Ordinal);
        context.Request.Method = "GET";
        context.Request.Path = query < 0 ? pathAndQuery : pathAndQuery[..query];
        context.Request.QueryString = query < 0 ? QueryString.Empty : new QueryString(pathAndQuery[query..]);
        foreach (var (name, value) in headers)
        {
            context.Request.Headers.Append(name, value);
        }

        string route;
        try
        {
            await _pipeline(context);
            route = context.Items[RouteKey] as string ?? "(none)";
        }
        catch (Exception e) when (e.GetType().Name == "AmbiguousMatchException")
        {
            route = "(ambiguous)";
        }

        return new Decision(
            route,
            context.Features.Get<RoutingVaryFeature>()?.Headers ?? RoutingVary.None,
            context.Items[CandidatesKey] as int? ?? 0);
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    /// <summary>A route as the config loader writes it: YARP Match plus L7Gate metadata.</summary>
    public static RouteConfig Route(
        string id,
        string path = "/{**catch-all}",
        int? order = null,
        string? languages = null,
        string? browsers = null,
        IReadOnlyList<RouteHeader>? headers = null,
        IReadOnlyList<RouteQueryParameter>? query = null)
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

        return new RouteConfig
        {
            RouteId = id,
            ClusterId = "c",
            Order = order,
            Match = new RouteMatch { Path = path, Headers = headers, QueryParameters = query },
            Metadata = metadata,
        };
    }

    public static RouteHeader Exact(string name, bool caseSensitive = false, params string[] values) =>
        new() { Name = name, Values = values, Mode = HeaderMatchMode.ExactHeader, IsCaseSensitive = caseSensitive };

    /// <summary>First selector policy: records how many candidates the DFA handed over.</summary>
    private sealed class CandidateCountPolicy : MatcherPolicy, IEndpointSelectorPolicy
    {
        public override int Order => int.MinValue;

        public bool AppliesToEndpoints(IReadOnlyList<Endpoint> endpoints) => true;

        public Task ApplyAsync(HttpContext httpContext, CandidateSet candidates)
        {
            httpContext.Items[CandidatesKey] = candidates.Count;
            return Task.CompletedTask;
        }
    }
}
