namespace L7Gate.Admin.Tests.Admin;

public class AdminOptionsValidatorTests
{
    private readonly AdminOptionsValidator _validator = new();

    [Fact]
    public void Validate_Defaults_Valid()
    {
        Assert.True(_validator.Validate(new AdminOptions()).IsValid);
    }

    [Theory]
    [InlineData("http://127.0.0.1:9901")]
    [InlineData("http://localhost:9901")]
    [InlineData("http://127.0.0.2:9901")]
    [InlineData("http://[::1]:9901")]
    [InlineData("http://127.0.0.1:9901;http://[::1]:9901")]
    public void Validate_LoopbackWithoutKey_Valid(string urls)
    {
        Assert.True(_validator.Validate(new AdminOptions { Urls = urls }).IsValid);
    }

    [Theory]
    [InlineData("http://0.0.0.0:9901")]
    [InlineData("http://*:9901")]
    [InlineData("http://+:9901")]
    [InlineData("http://[::]:9901")]
    [InlineData("http://192.0.2.10:9901")]
    [InlineData("http://gw1.example.net:9901")]
    [InlineData("http://127.0.0.1:9901;http://0.0.0.0:9902")]
    public void Validate_NonLoopbackWithoutKey_ApiKeyError(string urls)
    {
        var result = _validator.Validate(new AdminOptions { Urls = urls });

        var error = Assert.Single(result.Errors);
        Assert.Equal(nameof(AdminOptions.ApiKey), error.PropertyName);
        Assert.Contains("non-loopback", error.ErrorMessage);
        Assert.Contains(urls, error.ErrorMessage);
    }

    [Fact]
    public void Validate_NonLoopbackWithKey_Valid()
    {
        Assert.True(_validator.Validate(new AdminOptions { Urls = "http://0.0.0.0:9901", ApiKey = "0123456789abcdef" }).IsValid);
    }

    [Fact]
    public void Validate_ShortKeyAndBadUrl_ReportsEveryError()
    {
        var result = _validator.Validate(new AdminOptions { Urls = "ftp://x:1;http://127.0.0.1:9901", ApiKey = "short" });

        Assert.Contains(result.Errors, e => e.PropertyName.StartsWith(nameof(AdminOptions.Urls)) && e.ErrorMessage.Contains("'ftp://x:1'"));
        Assert.Contains(result.Errors, e => e.PropertyName == nameof(AdminOptions.ApiKey) && e.ErrorMessage.Contains("5 characters"));
    }

    [Fact]
    public void Validate_EmptyUrls_Error()
    {
        var result = _validator.Validate(new AdminOptions { Urls = " ; " });

        Assert.Contains(result.Errors, e => e.PropertyName == nameof(AdminOptions.Urls));
    }
}
