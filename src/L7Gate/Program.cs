using L7Gate.Admin;
using L7Gate.Configuration;
using L7Gate.Demo;
using L7Gate.Failover;
using L7Gate.Hosting;
using L7Gate.Limits;
using L7Gate.Proxy;
using L7Gate.Streams;
using L7Gate.Telemetry;
using L7Gate.Traffic;
using L7Gate.Warmup;

// Migration helper: `L7Gate import keepalived /etc/keepalived/keepalived.conf` prints the Failover section and exits.
if (L7Gate.Hosting.ImportKeepalivedCommand.IsRequested(args)) Environment.Exit(L7Gate.Hosting.ImportKeepalivedCommand.Run(args, Console.Out, Console.Error));

// --help, --version, and usage errors (exit 2) before anything starts.
if (L7Gate.Hosting.CommandLineCommand.TryRun(args, Console.Out, Console.Error, out var exitCode)) return exitCode;

// Container HEALTHCHECK helper: `L7Gate --healthcheck` probes a running instance and exits.
// `L7Gate --write-schema FILE` regenerates appsettings/l7gate.schema.json from the options types.
if (L7Gate.Configuration.Schema.ConfigSchemaCommand.IsRequested(args)) return L7Gate.Configuration.Schema.ConfigSchemaCommand.Run(args);
if (L7Gate.Hosting.HealthCheckCommand.IsRequested(args)) Environment.Exit(await L7Gate.Hosting.HealthCheckCommand.RunAsync(args));

var builder = WebApplication.CreateBuilder(args);
builder.AddL7GateConfiguration(args);
builder.AddL7GateListeners();
builder.AddL7GateProxy();
builder.AddL7GateLimits();
builder.AddL7GateTrafficPolicies();
builder.AddL7GateAccessLog();
builder.Services.AddL7GateRouting();
builder.AddL7GateFailover();
builder.AddL7GateStreams();
builder.AddL7GateDemo();
builder.AddL7GateAdmin();
builder.AddL7GateTelemetry();
builder.AddL7GateWarmup();

var app = builder.Build();
app.UseL7GateTrafficPolicies();
app.MapL7GateProxy().AddL7GateRouteMatchers();
app.MapL7GateAdmin();

return await app.RunL7GateAsync();

/// <summary>Entry point; partial so WebApplicationFactory can reach it.</summary>
public partial class Program;
