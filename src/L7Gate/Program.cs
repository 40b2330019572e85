using L7Gate.Admin;
using L7Gate.Configuration;
using L7Gate.Demo;
using L7Gate.Failover;
using L7Gate.Proxy;
using L7Gate.Telemetry;
using L7Gate.Warmup;

// Container HEALTHCHECK helper: `L7Gate --healthcheck` probes a running instance and exits.
if (L7Gate.Hosting.HealthCheckCommand.IsRequested(args)) Environment.Exit(await L7Gate.Hosting.HealthCheckCommand.RunAsync(args));
// Migration helper: `L7Gate import keepalived /etc/keepalived/keepalived.conf` prints the Failover section and exits.
if (L7Gate.Hosting.ImportKeepalivedCommand.IsRequested(args)) Environment.Exit(L7Gate.Hosting.ImportKeepalivedCommand.Run(args, Console.Out, Console.Error));

var builder = WebApplication.CreateBuilder(args);
builder.AddL7GateConfiguration(args);
builder.AddL7GateProxy();
builder.Services.AddL7GateRouting();
builder.AddL7GateFailover();
builder.AddL7GateDemo();
builder.AddL7GateAdmin();
builder.AddL7GateTelemetry();
builder.AddL7GateWarmup();

var app = builder.Build();
app.MapL7GateProxy().AddL7GateRouteMatchers();
app.MapL7GateAdmin();

return await app.RunL7GateAsync();

/// <summary>Entry point; partial so WebApplicationFactory can reach it.</summary>
public partial class Program;
