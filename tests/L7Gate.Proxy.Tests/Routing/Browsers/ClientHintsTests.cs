using L7Gate.Proxy.Routing.Browsers;

namespace L7Gate.Proxy.Tests.Routing.Browsers;

public sealed class ClientHintsTests
{
    [Theory]
    [InlineData("\"Chromium\";v=\"124\", \"Google Chrome\";v=\"124\", \"Not-A.Brand\";v=\"99\"", new[] { "Chromium", "Google Chrome", "Not-A.Brand" })]
    [InlineData("\"Microsoft Edge\";v=\"123\",\"Not:A-Brand\";v=\"8\",\"Chromium\";v=\"123\"", new[] { "Microsoft Edge", "Not:A-Brand", "Chromium" })]
    [InlineData("\"Opera\"", new[] { "Opera" })]
    [InlineData("\"A\\\"B\";v=1;x", new[] { "A\"B" })]
    [InlineData("  \"Brave\";v=\"124\"  ", new[] { "Brave" })]
    [InlineData("", new string[0])]
    public void TryParseBrands_StructuredList_BrandNames(string value, string[] expected)
    {
        Assert.True(ClientHints.TryParseBrands(value, out var brands));
        Assert.Equal(expected, brands);
    }

    [Theory]
    [InlineData("Google Chrome;v=\"124\"")] // brand must be an sf-string
    [InlineData("\"Chromium\";v=\"124\",")] // trailing comma
    [InlineData("\"Chromium\" \"Edge\"")] // missing comma
    [InlineData("\"Chromium")] // unterminated
    [InlineData("\"Chr\\omium\"")] // bad escape
    [InlineData("\"Chrömium\"")] // sf-string is ASCII
    [InlineData("\"Chromium\";V=\"1\"")] // keys are lowercase
    [InlineData("\"Chromium\";v=")]
    public void TryParseBrands_Malformed_False(string value)
    {
        Assert.False(ClientHints.TryParseBrands(value, out _));
    }

    [Fact]
    public void TryParseBrands_TooManyBrands_False()
    {
        var value = string.Join(", ", Enumerable.Range(0, ClientHints.MaxBrands + 1).Select(i => $"\"B{i}\""));

        Assert.False(ClientHints.TryParseBrands(value, out _));
    }

    [Fact]
    public void TryParseBrands_TooLong_False()
    {
        Assert.False(ClientHints.TryParseBrands($"\"{new string('a', ClientHints.MaxBrandListLength)}\"", out _));
    }

    [Theory]
    [InlineData("?1", true, true)]
    [InlineData("?0", true, false)]
    [InlineData(" ?1", true, true)]
    [InlineData("1", false, false)]
    [InlineData("true", false, false)]
    [InlineData("", false, false)]
    public void TryParseMobile_Boolean(string value, bool ok, bool mobile)
    {
        Assert.Equal(ok, ClientHints.TryParseMobile(value, out var parsed));
        Assert.Equal(mobile, parsed);
    }

    [Theory]
    [InlineData("Not A(Brand", true)]
    [InlineData("Not/A)Brand", true)]
    [InlineData("Not.A/Brand", true)]
    [InlineData("Not)A;Brand", true)]
    [InlineData("Not_A Brand", true)]
    [InlineData("Not:A-Brand", true)]
    [InlineData("Not?A_Brand", true)]
    [InlineData("Google Chrome", false)]
    [InlineData("Microsoft Edge", false)]
    [InlineData("Chromium", false)]
    [InlineData("Brave", false)]
    public void IsGrease_ChromiumGreaseBrands_Recognised(string brand, bool expected)
    {
        Assert.Equal(expected, ClientHints.IsGrease(brand));
    }
}
