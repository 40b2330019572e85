using L7Gate.Proxy.Routing.Languages;

namespace L7Gate.Proxy.Tests.Routing.Languages;

public sealed class AcceptLanguageParserTests
{
    private static (AcceptLanguageParseStatus Status, List<(string Range, int Q)> Ranges) Parse(string? header)
    {
        var buffer = new LanguageRange[AcceptLanguageParser.MaxRanges];
        var status = AcceptLanguageParser.Parse(header, buffer, out var count);
        return (status, buffer.Take(count).Select(r => (r.Text(header!).ToString(), r.Quality)).ToList());
    }

    [Fact]
    public void Parse_BrowserHeader_SortsByQualityHighestFirst()
    {
        var (status, ranges) = Parse("en-US;q=0.8, zh-TW, fr;q=0.9, *;q=0.1");

        Assert.Equal(AcceptLanguageParseStatus.Ok, status);
        Assert.Equal([("zh-TW", 1000), ("fr", 900), ("en-US", 800), ("*", 100)], ranges);
    }

    [Fact]
    public void Parse_EqualQualities_KeepHeaderOrder()
    {
        var (_, ranges) = Parse("de;q=0.5,fr;q=0.5,it,es;q=0.5,en");

        Assert.Equal(["it", "en", "de", "fr", "es"], ranges.Select(r => r.Range));
    }

    [Theory]
    [InlineData("fr;q=0", 0)]
    [InlineData("fr;q=0.", 0)]
    [InlineData("fr;q=0.5", 500)]
    [InlineData("fr;q=0.05", 50)]
    [InlineData("fr;q=0.001", 1)]
    [InlineData("fr;q=0.123", 123)]
    [InlineData("fr;q=1", 1000)]
    [InlineData("fr;q=1.000", 1000)]
    [InlineData("fr;Q=0.7", 700)]
    [InlineData("fr ; q=0.7 ", 700)]
    [InlineData("fr\t;\tq=0.7", 700)]
    public void Parse_QValue_ReadAsThousandths(string header, int expected)
    {
        var (status, ranges) = Parse(header);

        Assert.Equal(AcceptLanguageParseStatus.Ok, status);
        Assert.Equal(expected, Assert.Single(ranges).Q);
    }

    [Fact]
    public void Parse_QZero_KeptLastSoCallersCanExcludeIt()
    {
        var (_, ranges) = Parse("fr;q=0, en;q=0.1");

        Assert.Equal([("en", 100), ("fr", 0)], ranges);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(",,, ,")]
    public void Parse_NoRanges_OkAndEmpty(string? header)
    {
        var (status, ranges) = Parse(header);

        Assert.Equal(AcceptLanguageParseStatus.Ok, status);
        Assert.Empty(ranges);
    }

    [Fact]
    public void Parse_EmptyListElements_Ignored()
    {
        var (status, ranges) = Parse(", en ,, fr;q=0.5 ,");

        Assert.Equal(AcceptLanguageParseStatus.Ok, status);
        Assert.Equal(["en", "fr"], ranges.Select(r => r.Range));
    }

    [Theory]
    [InlineData("zh_CN")] // underscore is not a subtag separator
    [InlineData("en-")]
    [InlineData("-en")]
    [InlineData("en--US")]
    [InlineData("abcdefghi")] // primary subtag longer than 8
    [InlineData("en-abcdefghi")]
    [InlineData("1en")] // primary subtag must be letters
    [InlineData("en;q=2")]
    [InlineData("en;q=1.5")]
    [InlineData("en;q=0.1234")]
    [InlineData("en;q=")]
    [InlineData("en;q")]
    [InlineData("en;")]
    [InlineData("en;level=1")]
    [InlineData("en;q=0.5;q=0.4")]
    [InlineData("en;q=-0.5")]
    [InlineData("en US")]
    [InlineData("en;q=abc")]
    [InlineData("en\u00e9")]
    [InlineData("**")]
    [InlineData("en-*")]
    [InlineData("\"en\"")]
    public void Parse_MalformedHeader_ReportsMalformedAndNoRanges(string header)
    {
        var (status, ranges) = Parse(header);

        Assert.Equal(AcceptLanguageParseStatus.Malformed, status);
        Assert.Empty(ranges);
    }

    [Fact]
    public void Parse_HeaderLongerThanLimit_OversizedWithoutReadingIt()
    {
        var header = string.Join(",", Enumerable.Repeat("en-US", 200)); // 1199 chars

        Assert.True(header.Length > AcceptLanguageParser.MaxHeaderLength);
        Assert.Equal(AcceptLanguageParseStatus.Oversized, Parse(header).Status);
    }

    [Fact]
    public void Parse_MoreRangesThanLimit_Oversized()
    {
        var header = string.Join(",", Enumerable.Range(0, AcceptLanguageParser.MaxRanges + 1).Select(_ => "en"));

        Assert.True(header.Length <= AcceptLanguageParser.MaxHeaderLength);
        Assert.Equal(AcceptLanguageParseStatus.Oversized, Parse(header).Status);
    }

    [Fact]
    public void Parse_ExactlyMaxRanges_AllKeptInOrder()
    {
        var names = Enumerable.Range(0, AcceptLanguageParser.MaxRanges).Select(i => $"x-l{i}").ToArray();
        var header = string.Join(",", names.Select((n, i) => $"{n};q=0.{999 - i:000}"));

        var (status, ranges) = Parse(header);

        Assert.Equal(AcceptLanguageParseStatus.Ok, status);
        Assert.Equal(names, ranges.Select(r => r.Range));
    }

    [Fact]
    public void Parse_BufferTooSmall_Throws()
    {
        Assert.Throws<ArgumentException>(() => AcceptLanguageParser.Parse("en", new LanguageRange[1], out _));
    }
}
