using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace L7Gate.Admin.Tests.Infrastructure;

/// <summary>
/// An OTLP/HTTP receiver on loopback that keeps every export it gets. Bodies are protobuf; names and attribute
/// values are UTF-8 strings inside them, which is all the tests look for.
/// </summary>
public sealed class FakeOtlpCollector : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<(string Path, byte[] Body)> _exports = new();

    private FakeOtlpCollector(WebApplication app) => _app = app;

    public string Url { get; private set; } = string.Empty;

    public static async Task<FakeOtlpCollector> StartAsync()
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var collector = new FakeOtlpCollector(app);
        app.Run(async context =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            collector._exports.Enqueue((context.Request.Path.Value ?? string.Empty, body.ToArray()));
            context.Response.ContentType = "application/x-protobuf";
            context.Response.StatusCode = StatusCodes.Status200OK;
        });
        await app.StartAsync();
        collector.Url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return collector;
    }

    /// <summary>True when some export to <paramref name="path"/> contains every one of <paramref name="strings"/>.</summary>
    public bool Received(string path, params string[] strings) =>
        _exports.Any(e => e.Path == path && strings.All(s => Contains(e.Body, s)));

    public string Summary => string.Join(", ", _exports.GroupBy(e => e.Path).Select(g => $"{g.Key}×{g.Count()}"));

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static bool Contains(byte[] haystack, string needle) =>
        haystack.AsSpan().IndexOf(Encoding.UTF8.GetBytes(needle)) >= 0;
}
