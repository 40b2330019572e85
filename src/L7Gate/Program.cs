// Container HEALTHCHECK helper: `L7Gate --healthcheck` probes a running instance and exits.
if (L7Gate.Hosting.HealthCheckCommand.IsRequested(args)) Environment.Exit(await L7Gate.Hosting.HealthCheckCommand.RunAsync(args));

var builder = WebApplication.CreateBuilder(args);
var app = builder.Build();
app.Run();

/// <summary>Entry point; partial so WebApplicationFactory can reach it.</summary>
public partial class Program;
