using L7Gate.Configuration;
using L7Gate.Demo;
using L7Gate.Proxy;

// Container HEALTHCHECK helper: `L7Gate --healthcheck` probes a running instance and exits.
if (L7Gate.Hosting.HealthCheckCommand.IsRequested(args)) Environment.Exit(await L7Gate.Hosting.HealthCheckCommand.RunAsync(args));

var builder = WebApplication.CreateBuilder(args);
builder.AddL7GateConfiguration(args);
builder.AddL7GateProxy();
builder.Services.AddL7GateRouting();
builder.AddL7GateDemo();

var app = builder.Build();
app.MapL7GateProxy().AddL7GateRouteMatchers();

return await app.RunL7GateAsync();

/// <summary>Entry point; partial so WebApplicationFactory can reach it.</summary>
public partial class Program;
