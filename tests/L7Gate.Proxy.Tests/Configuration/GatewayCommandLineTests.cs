using L7Gate.Configuration;

namespace L7Gate.Proxy.Tests.Configuration;

public sealed class GatewayCommandLineTests
{
    [Theory]
    [InlineData(new[] { "--config", "a.json" }, "a.json", false)]
    [InlineData(new[] { "--config=a.json", "--check" }, "a.json", true)]
    [InlineData(new[] { "-c", "a.json", "-t" }, "a.json", true)]
    [InlineData(new[] { "--check" }, null, true)]
    public void Parse_OwnSwitches_Recognised(string[] args, string? config, bool check)
    {
        var parsed = GatewayCommandLine.Parse(args);

        Assert.Equal(config, parsed.ConfigFile);
        Assert.Equal(check, parsed.Check);
        Assert.Empty(parsed.RemainingArgs);
    }

    [Fact]
    public void Parse_AspNetCoreSwitches_LeftForTheCommandLineProvider()
    {
        var parsed = GatewayCommandLine.Parse(["--Urls=http://0.0.0.0:80", "--config", "x.json", "--Admin:ApiKey", "k"]);

        Assert.Equal(["--Urls=http://0.0.0.0:80", "--Admin:ApiKey", "k"], parsed.RemainingArgs);
    }

    [Fact]
    public void ResolveConfigPath_RelativeFile_AgainstWorkingDirectory()
    {
        var parsed = GatewayCommandLine.Parse(["--config", "conf/x.json"]);

        Assert.Equal(Path.Combine(Environment.CurrentDirectory, "conf", "x.json"), parsed.ResolveConfigPath());
    }
}
