using L7Gate.Demo;

namespace L7Gate.Proxy.Tests.Demo;

public sealed class DemoOptionsValidatorTests
{
    private readonly DemoOptionsValidator _validator = new();

    [Fact]
    public void Validate_AbsentSectionDefaults_Valid() => Assert.True(_validator.Validate(new DemoOptions()).IsValid);

    [Theory]
    [InlineData("http://127.0.0.1:5101")]
    [InlineData("http://localhost:5101")]
    [InlineData("http://[::1]:5101")]
    public void Validate_LoopbackUrlWithPort_Valid(string url) =>
        Assert.True(_validator.Validate(With(("en-1", url))).IsValid);

    [Theory]
    [InlineData("http://10.0.0.5:5101")]
    [InlineData("http://127.0.0.1")]
    [InlineData("https://127.0.0.1:5101")]
    [InlineData("127.0.0.1:5101")]
    public void Validate_UrlNotLoopbackHttpWithPort_ReportedWithValue(string url)
    {
        var failure = Assert.Single(_validator.Validate(With(("en-1", url))).Errors);

        Assert.Equal("Backends[0].Url", failure.PropertyName);
        Assert.StartsWith($"Url '{url}' is not allowed", failure.ErrorMessage);
    }

    [Theory]
    [InlineData("")]
    [InlineData("en 1")]
    [InlineData("en/1")]
    public void Validate_NameNotUrlSafe_Reported(string name)
    {
        var failure = Assert.Single(_validator.Validate(With((name, "http://127.0.0.1:5101"))).Errors);

        Assert.Equal("Backends[0].Name", failure.PropertyName);
    }

    [Fact]
    public void Validate_DuplicateNames_Reported()
    {
        var failure = Assert.Single(_validator.Validate(With(("zh", "http://127.0.0.1:5101"), ("ZH", "http://127.0.0.1:5102"))).Errors);

        Assert.Equal("Backends", failure.PropertyName);
        Assert.Contains("unique", failure.ErrorMessage);
    }

    private static DemoOptions With(params (string Name, string Url)[] backends) => new()
    {
        Backends = backends.Select(b => new DemoBackendOptions { Name = b.Name, Url = b.Url }).ToList(),
    };
}
