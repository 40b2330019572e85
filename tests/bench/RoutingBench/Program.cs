// Routing CPU per request for 1 / 25 / 200 / 1,000 routes of each kind (header, language, browser, path),
// with L7Gate's DFA node policies and, for comparison in the same run, without them (selector policies
// alone, as before). Configurations are measured interleaved, round after round; the median of the rounds
// is printed with the ratio to the 1-route row of the same kind. CPU time is the process's (user + system),
// so a loaded machine slows the wall clock but not, much, the figures.
//
//   RoutingBench [--counts 1,25,200,1000] [--kinds header,language,browser,path] [--requests 2000] [--rounds 5] [--before]
// (--requests: the least per sample; a sample also runs for at least 250 ms of CPU time)
using System.Diagnostics;
using L7Gate.Proxy.Configuration;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing.Matching;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Yarp.ReverseProxy.Configuration;

var counts = Arg("--counts", "1,25,200,1000").Split(',').Select(int.Parse).ToArray();
var kinds = Arg("--kinds", "header,language,browser,path").Split(',');
var requests = int.Parse(Arg("--requests", "2000"));
var rounds = int.Parse(Arg("--rounds", "5"));
var before = args.Contains("--before");

const string UserAgent = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36";
string[] browserNames = ["Chrome", "Edge", "Firefox", "Safari", "Opera", "Mobile", "Bot", "Desktop"]; // route 0 serves the client

var configs = new List<(string Kind, int Count, bool Nodes, Bench Bench)>();
foreach (var kind in kinds)
{
    foreach (var count in counts)
    {
        foreach (var nodes in before ? new[] { true, false } : [true])
        {
            var build = Stopwatch.StartNew();
            var bench = Bench.Create(Routes(kind, count), nodes, Request(kind, count));
            bench.Run(1); // builds the matcher
            var route = bench.LastRoute;
            Console.Error.WriteLine($"{kind,-8} {count,5} routes{(nodes ? string.Empty : " (before)"),-9}: matcher built in {build.ElapsedMilliseconds} ms, request routed to {route}");
            bench.Run(Math.Max(requests, 2000)); // JIT tiers up
            configs.Add((kind, count, nodes, bench));
        }
    }
}

var samples = configs.ToDictionary(c => (c.Kind, c.Count, c.Nodes), _ => new List<double>());
for (var round = 0; round < rounds; round++)
{
    foreach (var c in configs)
    {
        samples[(c.Kind, c.Count, c.Nodes)].Add(c.Bench.Measure(requests));
    }
}

Console.WriteLine("| kind | routes | µs CPU/request | ÷ 1 route |" + (before ? " before: µs | before ÷ 1 route |" : string.Empty));
Console.WriteLine("|---|---|---|---|" + (before ? "---|---|" : string.Empty));
foreach (var kind in kinds)
{
    var baseNow = Median(samples[(kind, counts[0], true)]);
    var baseBefore = before ? Median(samples[(kind, counts[0], false)]) : 0;
    foreach (var count in counts)
    {
        var now = Median(samples[(kind, count, true)]);
        var line = $"| {kind} | {count} | {now:F2} | {now / baseNow:F2}× |";
        if (before)
        {
            var was = Median(samples[(kind, count, false)]);
            line += $" {was:F2} | {was / baseBefore:F2}× |";
        }

        Console.WriteLine(line);
    }
}

foreach (var c in configs)
{
    await c.Bench.DisposeAsync();
}

static double Median(List<double> values)
{
    var sorted = values.Order().ToArray();
    return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
}

string Arg(string name, string fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
}

// Every request carries a browser User-Agent and a q-valued Accept-Language, whatever the kind.
(string Path, (string, string)[] Headers) Request(string kind, int count) => kind switch
{
    "header" => ("/x", [("X-Tenant", $"t{count - 1}"), ("User-Agent", UserAgent), ("Accept-Language", "fr-CH, fr;q=0.9")]),
    "language" => ("/x", [("User-Agent", UserAgent), ("Accept-Language", $"fr-CH, fr;q=0.9, {Tag(count - 1)};q=0.8")]),
    "browser" => ("/x", [("User-Agent", UserAgent), ("Accept-Language", "fr-CH, fr;q=0.9")]),
    _ => ($"/p{count - 1}/x", [("User-Agent", UserAgent), ("Accept-Language", "fr-CH, fr;q=0.9")]),
};

// N routes of one kind on the catch-all path (path: N path prefixes), plus a fallback without conditions.
List<RouteConfig> Routes(string kind, int count)
{
    var routes = new List<RouteConfig>();
    for (var i = 0; i < count; i++)
    {
        routes.Add(kind switch
        {
            "header" => Route($"h{i}", "/{**catch-all}", headers: [new RouteHeader { Name = "X-Tenant", Values = [$"t{i}"], Mode = HeaderMatchMode.ExactHeader }]),
            "language" => Route($"l{i}", "/{**catch-all}", metadata: (L7GateMetadataKeys.Languages, Tag(i))),
            "browser" => Route($"b{i}", "/{**catch-all}", order: count - i, metadata: (L7GateMetadataKeys.Browsers, browserNames[i % browserNames.Length])),
            _ => Route($"p{i}", $"/p{i}/{{**rest}}"),
        });
    }

    routes.Add(Route("fallback", "/{**catch-all}", order: 10_000));
    return routes;
}

static string Tag(int i) => new([(char)('a' + (i / 676 % 26)), (char)('a' + (i / 26 % 26)), (char)('a' + (i % 26))]);

static RouteConfig Route(string id, string path, int? order = null, IReadOnlyList<RouteHeader>? headers = null, (string Key, string Value)? metadata = null) => new()
{
    RouteId = id,
    ClusterId = "c",
    Order = order,
    Match = new RouteMatch { Path = path, Headers = headers },
    Metadata = metadata is { } m ? new Dictionary<string, string> { [m.Key] = m.Value } : null,
};

/// <summary>One routing configuration, its pipeline stopped after routing, and the request it routes.</summary>
internal sealed class Bench : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly RequestDelegate _pipeline;
    private readonly string _path;
    private readonly (string Name, string Value)[] _headers;

    private Bench(WebApplication app, string path, (string, string)[] headers)
    {
        _app = app;
        _pipeline = ((IApplicationBuilder)app).Build();
        _path = path;
        _headers = headers;
    }

    public string? LastRoute { get; private set; }

    public static Bench Create(List<RouteConfig> routes, bool nodePolicies, (string Path, (string, string)[] Headers) request)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        var clusters = new[] { new ClusterConfig { ClusterId = "c", Destinations = new Dictionary<string, DestinationConfig> { ["d"] = new() { Address = "http://127.0.0.1:9/" } } } };
        builder.Services.AddReverseProxy().LoadFromMemory(routes, clusters);
        builder.Services.AddL7GateRouting();
        if (!nodePolicies)
        {
            foreach (var d in builder.Services.Where(d => d.ServiceType == typeof(MatcherPolicy) && d.ImplementationType?.Name.EndsWith("NodePolicy", StringComparison.Ordinal) == true).ToList())
            {
                builder.Services.Remove(d);
            }
        }

        var app = builder.Build();
        app.UseRouting();
        app.Use((HttpContext context, RequestDelegate _) => Task.CompletedTask);
        app.MapReverseProxy().AddL7GateRouteMatchers();
        return new Bench(app, request.Path, request.Headers);
    }

    public void Run(int n)
    {
        for (var i = 0; i < n; i++)
        {
            var context = new DefaultHttpContext();
            context.Request.Method = "GET";
            context.Request.Path = _path;
            foreach (var (name, value) in _headers)
            {
                context.Request.Headers[name] = value;
            }

            var task = _pipeline(context);
            if (!task.IsCompletedSuccessfully)
            {
                task.GetAwaiter().GetResult();
            }

            LastRoute = context.GetEndpoint()?.DisplayName;
        }
    }

    /// <summary>
    /// CPU µs per request over at least <paramref name="n"/> requests and at least 250 ms of CPU time (the
    /// kernel counts process CPU time in ticks, so shorter samples would be mostly rounding).
    /// </summary>
    public double Measure(int n)
    {
        var process = Process.GetCurrentProcess();
        var start = process.TotalProcessorTime;
        var done = 0;
        TimeSpan used;
        do
        {
            Run(500);
            done += 500;
            process.Refresh();
            used = process.TotalProcessorTime - start;
        }
        while (done < n || used < TimeSpan.FromMilliseconds(250));

        return used.TotalMicroseconds / done;
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
