using L7Gate.Proxy.Routing.Vary;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace L7Gate.Proxy.Tests.Routing.Vary;

public sealed class RoutingVaryTransformTests
{
    private static string Merge(StringValues existing, params string[] tokens)
    {
        IHeaderDictionary headers = new HeaderDictionary();
        if (!StringValues.IsNullOrEmpty(existing))
        {
            headers.Vary = existing;
        }

        RoutingVaryTransform.Merge(headers, tokens);
        return headers.Vary.ToString();
    }

    [Fact]
    public void Merge_NoBackendVary_SetsTokens()
    {
        Assert.Equal("Accept-Language", Merge(StringValues.Empty, "Accept-Language"));
    }

    [Fact]
    public void Merge_BackendVary_Appended()
    {
        Assert.Equal("Accept-Encoding, Accept-Language", Merge("Accept-Encoding", "Accept-Language"));
    }

    [Fact]
    public void Merge_TokenAlreadyPresent_NotDuplicated()
    {
        Assert.Equal("accept-language, Origin", Merge("accept-language, Origin", "Accept-Language"));
    }

    [Fact]
    public void Merge_SeveralBackendLines_CombinedOnce()
    {
        Assert.Equal("Origin, Accept-Encoding, User-Agent", Merge(new StringValues(["Origin", "Accept-Encoding"]), "User-Agent"));
    }

    [Fact]
    public void Merge_VaryStar_LeftAlone()
    {
        Assert.Equal("*", Merge("*", "Accept-Language"));
    }

    [Fact]
    public void Feature_BothPolicies_CombineTokens()
    {
        var context = new DefaultHttpContext();

        RoutingVaryFeature.Add(context, RoutingVary.AcceptLanguage);
        RoutingVaryFeature.Add(context, RoutingVary.UserAgent);

        Assert.Equal(["Accept-Language", "User-Agent", "Sec-CH-UA", "Sec-CH-UA-Mobile"], context.Features.Get<RoutingVaryFeature>()!.Tokens);
    }
}
