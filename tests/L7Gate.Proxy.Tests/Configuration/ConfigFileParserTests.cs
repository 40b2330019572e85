using L7Gate.Configuration;

namespace L7Gate.Proxy.Tests.Configuration;

public sealed class ConfigFileParserTests
{
    [Fact]
    public void TryParse_CommentsAndTrailingCommas_AcceptedLikeAspNetCore()
    {
        var ok = ConfigFileParser.TryParse("""
            {
              // comment
              "A": { "B": [ 1, 2, ], },
            }
            """, out var data, out var error);

        Assert.True(ok);
        Assert.Null(error);
        Assert.Equal("2", data["a:b:1"]);
    }

    [Fact]
    public void TryParse_SyntaxError_LineAndPositionOneBased()
    {
        var ok = ConfigFileParser.TryParse("{\n  \"A\": 1\n  \"B\": 2\n}", out _, out var error);

        Assert.False(ok);
        Assert.Equal(string.Empty, error!.Path);
        Assert.StartsWith("malformed JSON at line 3, position 3:", error.Message);
        Assert.DoesNotContain("LineNumber", error.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n")]
    public void TryParse_EmptyFile_Reported(string json)
    {
        Assert.False(ConfigFileParser.TryParse(json, out _, out var error));
        Assert.StartsWith("the config file is empty", error!.Message);
    }

    [Theory]
    [InlineData("[ 1, 2 ]")]
    [InlineData("""{ "A": 1, "a": 2 }""")]
    public void TryParse_ValidJsonConfigurationRefuses_Reported(string json)
    {
        Assert.False(ConfigFileParser.TryParse(json, out _, out var error));
        Assert.StartsWith("unusable config file:", error!.Message);
    }
}
