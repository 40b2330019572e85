using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace L7Gate.Proxy.Tests.Routing.Functional;

/// <summary>
/// A real Kestrel backend on a loopback port that answers with the first segment of the request
/// path. Each cluster's destination address ends in its own identifier ("http://127.0.0.1:port/zh"),
/// and YARP appends the request path to it, so the body names the cluster that served the request.
/// It also sends its own <c>Vary: Accept-Encoding</c>, which the proxy must keep.
/// </summary>
internal sealed class EchoBackend : IAsyncDisposable
{
    private readonly WebApplication _app;

    private EchoBackend(WebApplication app) => _app = app;

    public string Url => _app.Urls.Single();

    public static async Task<EchoBackend> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.Run(static context =>
        {
            context.Response.Headers.Vary = "Accept-Encoding";
            var id = context.Request.Path.Value!.Split('/', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "?";
            return context.Response.WriteAsync(id);
        });
        await app.StartAsync();
        return new EchoBackend(app);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
