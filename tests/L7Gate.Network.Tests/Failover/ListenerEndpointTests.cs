using System.Net;
using L7Gate.Failover;

namespace L7Gate.Network.Tests.Failover;

public sealed class ListenerEndpointTests
{
    [Theory]
    [InlineData("http://0.0.0.0:80", "127.0.0.1:80")]
    [InlineData("http://[::]:8080", "[::1]:8080")]
    [InlineData("http://+:80", "127.0.0.1:80")]
    [InlineData("http://*:81", "127.0.0.1:81")]
    [InlineData("http://localhost:8080", "127.0.0.1:8080")]
    [InlineData("https://192.0.2.11:443", "192.0.2.11:443")]
    public void TryParse_KestrelAddress_GivesTheEndpointToConnectTo(string serverAddress, string expected)
    {
        Assert.Equal(IPEndPoint.Parse(expected), ListenerEndpoint.TryParse(serverAddress));
    }

    [Theory]
    [InlineData("http://unix:/run/l7gate.sock")]
    [InlineData("not a url")]
    [InlineData("http://gateway.example:80")]
    public void TryParse_NotAnIpListener_IsNull(string serverAddress)
    {
        Assert.Null(ListenerEndpoint.TryParse(serverAddress));
    }
}
