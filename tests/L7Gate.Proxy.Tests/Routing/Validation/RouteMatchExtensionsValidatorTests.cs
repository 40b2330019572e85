using L7Gate.Proxy.Configuration;
using L7Gate.Proxy.Routing.Validation;

namespace L7Gate.Proxy.Tests.Routing.Validation;

public sealed class RouteMatchExtensionsValidatorTests
{
    private static List<(string Path, string Message)> Errors(List<string>? languages = null, List<string>? browsers = null) =>
        new RouteMatchExtensionsValidator()
            .Validate(new RouteMatchExtensions { Languages = languages, Browsers = browsers })
            .Errors.Select(e => (ConfigPath.Combine("ReverseProxy:Routes:zh:Match", e.PropertyName), e.ErrorMessage))
            .ToList();

    [Fact]
    public void Validate_NeitherKey_Valid()
    {
        Assert.Empty(Errors());
    }

    [Fact]
    public void Validate_GoodValues_Valid()
    {
        Assert.Empty(Errors(["zh-CN", "zh", "zh-Hant-TW", "es-419", "*"], ["Chrome", "edge", "FIREFOX", "Safari", "Opera", "Mobile", "Desktop", "Bot"]));
    }

    [Fact]
    public void Validate_BadLanguageTag_NamesPathValueAndRule()
    {
        var error = Assert.Single(Errors(["zh", "zh_CN"]));

        Assert.Equal("ReverseProxy:Routes:zh:Match:Languages:1", error.Path);
        Assert.Equal("'zh_CN' is not a language tag (RFC 5646, e.g. zh-CN, or '*')", error.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("e")]
    [InlineData("en-")]
    [InlineData("en,fr")]
    [InlineData("english-language-tag-that-is-far-too-long-to-be-anything-real-at-all")]
    [InlineData("zh-*")]
    public void Validate_NotALanguageTag_Error(string tag)
    {
        Assert.Single(Errors([tag]));
    }

    [Fact]
    public void Validate_DuplicateLanguage_CaseInsensitiveError()
    {
        var error = Assert.Single(Errors(["zh-CN", "ZH-cn"]));

        Assert.Equal("ReverseProxy:Routes:zh:Match:Languages:1", error.Path);
        Assert.Contains("listed twice", error.Message);
    }

    [Fact]
    public void Validate_EmptyLanguages_Error()
    {
        var error = Assert.Single(Errors(languages: []));

        Assert.Equal("ReverseProxy:Routes:zh:Match:Languages", error.Path);
        Assert.Contains("empty", error.Message);
    }

    [Fact]
    public void Validate_UnknownBrowser_ListsAllowedNames()
    {
        var error = Assert.Single(Errors(browsers: ["Edge", "Chromium"]));

        Assert.Equal("ReverseProxy:Routes:zh:Match:Browsers:1", error.Path);
        Assert.Equal("'Chromium' is not a browser (allowed: Chrome, Edge, Firefox, Safari, Opera, Mobile, Desktop, Bot)", error.Message);
    }

    [Theory]
    [InlineData("1")] // Enum.TryParse would take numbers
    [InlineData("Chrome,Edge")] // and flag lists
    [InlineData("")]
    [InlineData("Tablet")]
    public void Validate_NotABrowserName_Error(string name)
    {
        Assert.Single(Errors(browsers: [name]));
    }

    [Fact]
    public void Validate_DuplicateBrowser_Error()
    {
        var error = Assert.Single(Errors(browsers: ["Mobile", "mobile"]));

        Assert.Equal("ReverseProxy:Routes:zh:Match:Browsers:1", error.Path);
    }

    [Fact]
    public void Validate_EmptyBrowsers_Error()
    {
        Assert.Equal("ReverseProxy:Routes:zh:Match:Browsers", Assert.Single(Errors(browsers: [])).Path);
    }

    [Fact]
    public void Validate_SeveralProblems_AllReportedAtOnce()
    {
        Assert.Equal(4, Errors(["zh_CN", "x"], ["Netscape", ""]).Count);
    }
}
