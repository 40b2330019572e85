using L7Gate.Proxy.Routing.Languages;

namespace L7Gate.Proxy.Tests.Routing.Languages;

public sealed class LanguageTagTests
{
    [Theory]
    [InlineData("zh", "zh", 2)]
    [InlineData("ZH-tw", "zh-TW", 5)]
    [InlineData("zh-TW", "zh", 2)] // client more specific than the route: matches
    [InlineData("zh-Hant-TW", "zh-Hant", 7)]
    [InlineData("*", "zh", 0)]
    [InlineData("en", "*", 0)]
    [InlineData("zh", "zh-TW", -1)] // client less specific than the route: no match
    [InlineData("zhx", "zh", -1)] // prefix but not at a subtag boundary
    [InlineData("en", "zh", -1)]
    public void MatchScore_RangeAgainstRouteTag_ScoresRouteTagLength(string range, string tag, int expected)
    {
        Assert.Equal(expected, LanguageTag.MatchScore(range, tag));
    }

    [Theory]
    [InlineData("fr", "fr", true)]
    [InlineData("fr", "fr-CA", true)]
    [InlineData("FR", "fr-ca", true)]
    [InlineData("fr-CA", "fr", false)]
    [InlineData("fr", "fry", false)]
    [InlineData("*", "de", true)]
    public void Excludes_QZeroRange_RulesOutTagsItCovers(string range, string tag, bool expected)
    {
        Assert.Equal(expected, LanguageTag.Excludes(range, tag));
    }

    [Theory]
    [InlineData("en", true)]
    [InlineData("zh-CN", true)]
    [InlineData("zh-Hant-TW", true)]
    [InlineData("sr-Latn-RS", true)]
    [InlineData("es-419", true)]
    [InlineData("de-CH-1996", true)]
    [InlineData("x-klingon", true)]
    [InlineData("i-navajo", true)]
    [InlineData("*", true)]
    [InlineData("zh_CN", false)]
    [InlineData("e", false)]
    [InlineData("x", false)]
    [InlineData("en-", false)]
    [InlineData("en--US", false)]
    [InlineData("englishlanguage", false)]
    [InlineData("12", false)]
    [InlineData("en US", false)]
    [InlineData("en,fr", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    [InlineData("zh-*", false)]
    public void IsValid_Tag_FollowsRfc5646Shape(string? tag, bool expected)
    {
        Assert.Equal(expected, LanguageTag.IsValid(tag));
    }

    [Fact]
    public void IsValid_TagLongerThanLimit_False()
    {
        var tag = "en" + string.Concat(Enumerable.Repeat("-abcdefgh", 8)); // 74 chars, every subtag well-formed

        Assert.False(LanguageTag.IsValid(tag));
    }
}
