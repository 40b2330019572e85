using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;

namespace L7Gate.Proxy.Tests.Streams;

/// <summary>
/// A kube-apiserver stand-in: real Kestrel with TLS on 127.0.0.1, certificates from <see cref="TestCertificates"/>.
/// <c>/healthz</c> answers 200 "ok" (503 when <see cref="Healthy"/> is false), <c>/whoami</c> echoes the client
/// certificate's subject and the backend's name, <c>/watch?events=N&amp;everyMs=M</c> streams N chunked events.
/// </summary>
public sealed class TlsBackend : IAsyncDisposable
{
    private readonly WebApplication _app;

    private TlsBackend(string name, WebApplication app, int port)
    {
        Name = name;
        _app = app;
        Port = port;
    }

    public string Name { get; }

    public int Port { get; }

    public bool Healthy { get; set; } = true;

    public string Address => $"https://127.0.0.1:{Port}/";

    public static async Task<TlsBackend> StartAsync(string name, TestCertificates certificates, ClientCertificateMode mode)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(https =>
        {
            https.ServerCertificate = certificates.Server;
            https.ClientCertificateMode = mode;
            https.ClientCertificateValidation = (certificate, _, _) => certificates.IsIssuedByCa(certificate);
        })));
        builder.Services.AddRouting();
        var app = builder.Build();
        TlsBackend? self = null;
        app.Run(async context =>
        {
            switch (context.Request.Path.Value)
            {
                case "/healthz":
                    context.Response.StatusCode = self!.Healthy ? 200 : 503;
                    await context.Response.WriteAsync(self.Healthy ? "ok" : "unhealthy");
                    break;
                case "/whoami":
                    var subject = context.Connection.ClientCertificate?.Subject ?? "(none)";
                    await context.Response.WriteAsync($"{name}|{subject}");
                    break;
                case "/watch":
                    var events = int.Parse(context.Request.Query["events"].ToString());
                    var every = TimeSpan.FromMilliseconds(int.Parse(context.Request.Query["everyMs"].ToString()));
                    for (var i = 0; i < events; i++)
                    {
                        await context.Response.WriteAsync($"{{\"type\":\"MODIFIED\",\"n\":{i}}}\n");
                        await context.Response.Body.FlushAsync();
                        await Task.Delay(every);
                    }

                    break;
                default:
                    context.Response.StatusCode = 404;
                    break;
            }
        });
        await app.StartAsync();
        var port = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()).Port;
        self = new TlsBackend(name, app, port);
        return self;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
