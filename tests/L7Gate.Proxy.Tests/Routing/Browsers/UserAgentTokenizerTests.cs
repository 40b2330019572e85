using L7Gate.Proxy.Routing.Browsers;

namespace L7Gate.Proxy.Tests.Routing.Browsers;

public sealed class UserAgentTokenizerTests
{
    [Fact]
    public void Tokenize_ChromeUserAgent_ProductsAndCommentItems()
    {
        var tokens = UserAgentTokenizer.Tokenize(RealUserAgents.ChromeAndroid);

        Assert.Equal(
            [new("Mozilla", "5.0"), new("AppleWebKit", "537.36"), new("Chrome", "124.0.0.0"), new("Mobile", null), new("Safari", "537.36")],
            tokens.Products);
        Assert.Equal(["Linux", "Android 10", "K", "KHTML, like Gecko"], tokens.CommentItems);
    }

    [Fact]
    public void Tokenize_NestedComment_Flattened()
    {
        var tokens = UserAgentTokenizer.Tokenize("App/1 (a; (b; c) d) Next/2");

        Assert.Equal(["App", "Next"], tokens.Products.Select(p => p.Name));
        Assert.Equal(["a", "b", "c", "d"], tokens.CommentItems);
    }

    [Fact]
    public void Tokenize_QuotedPairInComment_IsText()
    {
        var tokens = UserAgentTokenizer.Tokenize(@"App/1 (a \) b; c) Next/2");

        Assert.Equal(["App", "Next"], tokens.Products.Select(p => p.Name));
        Assert.Equal([@"a \) b", "c"], tokens.CommentItems);
    }

    [Fact]
    public void Tokenize_UnterminatedComment_TakesTheRest()
    {
        var tokens = UserAgentTokenizer.Tokenize("App/1 (iPhone; CPU");

        Assert.Equal(["App"], tokens.Products.Select(p => p.Name));
        Assert.Equal(["iPhone", "CPU"], tokens.CommentItems);
    }

    [Fact]
    public void Tokenize_ManyTokens_Capped()
    {
        var ua = string.Join(' ', Enumerable.Range(0, 500).Select(i => $"P{i}/1 (c{i})"));

        var tokens = UserAgentTokenizer.Tokenize(ua);

        Assert.Equal(UserAgentTokenizer.MaxTokens, tokens.Products.Count);
        Assert.Equal(UserAgentTokenizer.MaxTokens, tokens.CommentItems.Count);
    }

    [Fact]
    public void Tokenize_DeepNesting_Bounded()
    {
        var ua = "App/1 " + new string('(', 1000) + "x" + new string(')', 1000) + " Next/2";

        var tokens = UserAgentTokenizer.Tokenize(ua);

        // Parentheses deeper than MaxDepth are text; the agent's products on both sides survive.
        Assert.Contains(tokens.Products, p => p.Name == "App");
        Assert.Contains(tokens.Products, p => p.Name == "Next");
        Assert.Single(tokens.CommentItems, i => i.EndsWith('x'));
    }
}
