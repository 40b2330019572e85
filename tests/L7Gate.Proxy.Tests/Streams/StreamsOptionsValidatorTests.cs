using L7Gate.Proxy.Streams.Configuration;

namespace L7Gate.Proxy.Tests.Streams;

public sealed class StreamsOptionsValidatorTests
{
    [Fact]
    public void Validate_Defaults_Valid() =>
        Assert.True(new StreamsOptionsValidator().Validate(new StreamsOptions()).IsValid);

    [Fact]
    public void Validate_GoodListener_Valid()
    {
        var options = new StreamsOptions();
        options.Listeners["apiserver"] = new StreamListenerOptions
        {
            Endpoints = ["0.0.0.0:6443", "[::]:6443"],
            ClusterId = "apiservers",
            Sni = new() { ["*.example.com"] = "x" },
        };

        Assert.True(new StreamsOptionsValidator().Validate(options).IsValid);
    }

    [Fact]
    public void Validate_ManyErrors_AllReportedWithKeyPaths()
    {
        var options = new StreamsOptions();
        options.Listeners["bad"] = new StreamListenerOptions
        {
            Endpoints = ["6443", "0.0.0.0:6443"],
            IdleTimeout = TimeSpan.Zero,
            ConnectTimeout = TimeSpan.FromSeconds(-1),
            MaxConnections = 0,
            DrainTimeout = TimeSpan.FromHours(2),
            Sni = new() { ["a.*.com"] = "x", ["ok.example.com"] = "" },
            ProxyProtocol = new ProxyProtocolOptions { Send = (ProxyProtocolVersion)7 },
        };
        options.Listeners["other"] = new StreamListenerOptions { Endpoints = ["0.0.0.0:6443"] };

        var errors = new StreamsOptionsValidator().Validate(options).Errors.Select(e => e.PropertyName).ToList();

        Assert.Equal(
            [
                "Listeners:bad:Endpoints:0", "Listeners:bad:Sni:a.*.com", "Listeners:bad:Sni:ok.example.com",
                "Listeners:bad:IdleTimeout", "Listeners:bad:ConnectTimeout", "Listeners:bad:DrainTimeout",
                "Listeners:bad:MaxConnections", "Listeners:bad:ProxyProtocol:Send",
                "Listeners:other:Endpoints:0", "Listeners:other:ClusterId",
            ],
            errors);
    }

    [Theory]
    [InlineData("0.0.0.0:6443", true)]
    [InlineData("[::]:6443", true)]
    [InlineData("*:6443", true)]
    [InlineData("localhost:6443", true)]
    [InlineData("192.0.2.10:0", true)]
    [InlineData("::1:6443", false)]
    [InlineData("host.example:6443", false)]
    [InlineData("0.0.0.0:70000", false)]
    [InlineData("0.0.0.0", false)]
    public void TryParse_Endpoint_AcceptsOnlyBindableShapes(string text, bool valid) =>
        Assert.Equal(valid, StreamBindAddress.TryParse(text) is not null);
}
