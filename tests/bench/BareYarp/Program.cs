// Bare YARP: the benchmark's yardstick.
//   BareYarp --urls http://127.0.0.1:5000 --Backend http://127.0.0.1:8080/
//       one catch-all route to one destination;
//   BareYarp --urls http://127.0.0.1:5000 --Routes /path/to/config.json
//       the ReverseProxy section of that file as YARP reads it (proxy-bench.sh --profile uses it to run
//       L7Gate's route table without L7Gate, so the host's own cost can be told from the routes').
// Logging is left to the command line (the benchmark sets Warning for every .NET target).
using Yarp.ReverseProxy.Configuration;

var builder = WebApplication.CreateBuilder(args);
var proxy = builder.Services.AddReverseProxy();
if (builder.Configuration["Routes"] is { } routesFile)
{
    builder.Configuration.AddJsonFile(Path.GetFullPath(routesFile), optional: false);
    proxy.LoadFromConfig(builder.Configuration.GetSection("ReverseProxy"));
}
else
{
    var backend = builder.Configuration["Backend"] ?? throw new InvalidOperationException("--Backend URL or --Routes file is required");
    proxy.LoadFromMemory(
        [new RouteConfig { RouteId = "all", ClusterId = "backend", Match = new RouteMatch { Path = "{**catch-all}" } }],
        [new ClusterConfig { ClusterId = "backend", Destinations = new Dictionary<string, DestinationConfig> { ["d1"] = new() { Address = backend } } }]);
}

var app = builder.Build();
app.MapReverseProxy();
app.Run();
