using L7Gate.Configuration;
using L7Gate.Demo;
using L7Gate.Proxy;

var builder = WebApplication.CreateBuilder(args);
builder.AddL7GateConfiguration(args);
builder.AddL7GateProxy();
builder.AddL7GateDemo();

var app = builder.Build();
app.MapL7GateProxy();

return await app.RunL7GateAsync();

/// <summary>Entry point; partial so WebApplicationFactory can reach it.</summary>
public partial class Program;
