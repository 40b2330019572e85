using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;

namespace L7Gate.Proxy.Tests.Infrastructure;

/// <summary>Requests through the real host's in-memory server with the connection facts a socket would give.</summary>
public static class ProxyRequests
{
    public sealed record Answer(int Status, string Body, IHeaderDictionary Headers);

    public static async Task<Answer> SendAsync(
        TestServer server,
        string path,
        string client = "192.0.2.10",
        int clientPort = 40000,
        int localPort = 8080,
        Action<HttpRequest>? request = null)
    {
        var context = await server.SendAsync(c =>
        {
            c.Connection.RemoteIpAddress = IPAddress.Parse(client);
            c.Connection.RemotePort = clientPort;
            c.Connection.LocalIpAddress = IPAddress.Loopback;
            c.Connection.LocalPort = localPort;
            var query = path.IndexOf('?');
            c.Request.Method = "GET";
            c.Request.Path = query < 0 ? path : path[..query];
            c.Request.QueryString = query < 0 ? QueryString.Empty : new QueryString(path[query..]);
            c.Request.Headers.Host = "gw.example";
            request?.Invoke(c.Request);
        });
        var body = await new StreamReader(context.Response.Body).ReadToEndAsync();
        return new Answer(context.Response.StatusCode, body, context.Response.Headers);
    }
}
