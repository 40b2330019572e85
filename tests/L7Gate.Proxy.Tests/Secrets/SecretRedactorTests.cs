using L7Gate.Proxy.Secrets;

namespace L7Gate.Proxy.Tests.Secrets;

public class SecretRedactorTests
{
    [Theory]
    [InlineData("Proxying to http://user:pass@127.0.0.1:5000/x HTTP/1.1", "Proxying to http://***@127.0.0.1:5000/x HTTP/1.1")]
    [InlineData("a https://tok@h/ and ws://u:p@h2:1", "a https://***@h/ and ws://***@h2:1")]
    [InlineData("http://***@h/", "http://***@h/")]
    [InlineData("http://h/path@x", "http://h/path@x")]
    [InlineData("mail me at a@b.c", "mail me at a@b.c")]
    public void RedactUrlUserInfo_Text_UserInfoReplaced(string text, string expected)
    {
        Assert.Equal(expected, SecretRedactor.RedactUrlUserInfo(text));
    }

    [Theory]
    [InlineData("?q=1&api_key=abc&access_token=t&X-Amz-Signature=s", "?q=1&api_key=***&access_token=***&X-Amz-Signature=***")]
    [InlineData("page=2&lang=zh", "page=2&lang=zh")]
    [InlineData("flag&password=x", "flag&password=***")]
    public void RedactQueryString_SecretParameters_ValuesReplaced(string query, string expected)
    {
        Assert.Equal(expected, SecretRedactor.RedactQueryString(query));
    }

    [Theory]
    [InlineData("Authorization", true)]
    [InlineData("proxy-authorization", true)]
    [InlineData("Cookie", true)]
    [InlineData("Set-Cookie", true)]
    [InlineData("X-Api-Key", true)]
    [InlineData("X-Upstream-Token", true)]
    [InlineData("X-Client-Secret", true)]
    [InlineData("X-Auth-User", true)]
    [InlineData("X-Forwarded-For", false)]
    [InlineData("Accept-Language", false)]
    public void IsCredentialHeader_Name_Classified(string header, bool credential)
    {
        Assert.Equal(credential, SecretRedactor.IsCredentialHeader(header));
    }
}
