var builder = WebApplication.CreateBuilder(args);
var app = builder.Build();
app.Run();

/// <summary>Entry point; partial so WebApplicationFactory can reach it.</summary>
public partial class Program;
