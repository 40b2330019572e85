using System.Net;
using L7Gate.Proxy.Tests.Infrastructure;

namespace L7Gate.Proxy.Tests.Proxy;

/// <summary>YARP's path, host, method, header and query matching through the real host and validated config.</summary>
public sealed class ProxyRoutingTests : IAsyncLifetime
{
    private TestBackend _a = null!;
    private TestBackend _b = null!;
    private GatewayHost _gateway = null!;

    public async Task InitializeAsync()
    {
        _a = await TestBackend.StartAsync("a");
        _b = await TestBackend.StartAsync("b");
        _gateway = await GatewayHost.StartAsync($$"""
        {
          "ReverseProxy": {
            "Routes": {
              "path":   { "ClusterId": "b", "Order": 10, "Match": { "Path": "/b/{**rest}" } },
              "host":   { "ClusterId": "b", "Order": 20, "Match": { "Path": "/{**rest}", "Hosts": [ "b.example" ] } },
              "method": { "ClusterId": "b", "Order": 30, "Match": { "Path": "/{**rest}", "Methods": [ "DELETE" ] } },
              "header": { "ClusterId": "b", "Order": 40, "Match": { "Path": "/{**rest}", "Headers": [ { "Name": "X-Tenant", "Values": [ "b" ] } ] } },
              "query":  { "ClusterId": "b", "Order": 50, "Match": { "Path": "/{**rest}", "QueryParameters": [ { "Name": "tenant", "Values": [ "b" ], "Mode": "Exact" } ] } },
              "default": { "ClusterId": "a", "Order": 1000, "Match": { "Path": "/{**rest}" } }
            },
            "Clusters": {
              "a": { "Destinations": { "a": { "Address": "{{_a.Url}}" } } },
              "b": { "Destinations": { "b": { "Address": "{{_b.Url}}" } } }
            }
          }
        }
        """);
    }

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        await _a.DisposeAsync();
        await _b.DisposeAsync();
    }

    [Theory]
    [InlineData("GET", "/b/x", null, null, "b")]
    [InlineData("GET", "/x", "b.example", null, "b")]
    [InlineData("DELETE", "/x", null, null, "b")]
    [InlineData("GET", "/x", null, "b", "b")]
    [InlineData("GET", "/x?tenant=b", null, null, "b")]
    [InlineData("GET", "/x?tenant=c", "c.example", "c", "a")]
    [InlineData("POST", "/x", null, null, "a")]
    public async Task Send_MatchingRoute_ReachesItsCluster(string method, string path, string? host, string? tenant, string expected)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (host is not null)
        {
            request.Headers.Host = host;
        }

        if (tenant is not null)
        {
            request.Headers.Add("X-Tenant", tenant);
        }

        using var response = await _gateway.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(expected, response.Headers.GetValues("X-Backend").Single());
        Assert.StartsWith($"{expected} {method} {path}", await response.Content.ReadAsStringAsync());
    }
}
