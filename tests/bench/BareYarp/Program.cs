// Bare YARP: every request to one cluster whose destination is given on the command line:
//   BareYarp --urls http://127.0.0.1:5000 --Backend http://127.0.0.1:8080/
// Logging is left to the command line too (the benchmark sets Warning for both proxies).
using Yarp.ReverseProxy.Configuration;

var builder = WebApplication.CreateBuilder(args);
var backend = builder.Configuration["Backend"] ?? throw new InvalidOperationException("--Backend URL is required");

builder.Services.AddReverseProxy().LoadFromMemory(
    [new RouteConfig { RouteId = "all", ClusterId = "backend", Match = new RouteMatch { Path = "{**catch-all}" } }],
    [new ClusterConfig { ClusterId = "backend", Destinations = new Dictionary<string, DestinationConfig> { ["d1"] = new() { Address = backend } } }]);

var app = builder.Build();
app.MapReverseProxy();
app.Run();
