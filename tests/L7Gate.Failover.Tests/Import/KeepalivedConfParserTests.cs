using L7Gate.Failover.Import;

namespace L7Gate.Failover.Tests.Import;

public sealed class KeepalivedConfParserTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("l7gate-kaconf-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Parse_CommentsQuotesAndOneLineBlock_StatementsWithSources()
    {
        var statements = KeepalivedConfParser.Parse("""
            ! a comment
            vrrp_script chk { # trailing comment
              script "/usr/bin/test -e /run/x"  ! another
            }
            vrrp_instance VI_1 {
              authentication { auth_type PASS auth_pass pa!ss }
            }
            """, "k.conf");

        Assert.Equal(["vrrp_script", "vrrp_instance"], statements.Select(s => s.Keyword));
        var script = Assert.Single(statements[0].Block!);
        Assert.Equal(("script", "/usr/bin/test -e /run/x", "k.conf:3"), (script.Keyword, script.Value, script.Source));
        var auth = Assert.Single(statements[1].Block!);
        Assert.Equal(["auth_type", "PASS", "auth_pass", "pa!ss"], new[] { auth.Block![0].Keyword }.Concat(auth.Block[0].Arguments));
    }

    [Fact]
    public void Parse_BraceOnItsOwnLine_OpensThePreviousStatementsBlock()
    {
        var statements = KeepalivedConfParser.Parse("vrrp_instance VI_1\n{\n  priority 150\n}\n", "k.conf");

        var instance = Assert.Single(statements);
        Assert.Equal(("vrrp_instance", "VI_1", "priority"), (instance.Keyword, instance.Value, instance.Block![0].Keyword));
    }

    [Theory]
    [InlineData("vrrp_instance VI_1 {\n priority 1\n", "k.conf:1: block 'vrrp_instance' is not closed")]
    [InlineData("}\n", "k.conf:1: '}' without a matching '{'")]
    [InlineData("script \"/bin/x\n", "k.conf:1: a quoted string is not closed")]
    public void Parse_BadSyntax_ThrowsNamingFileAndLine(string text, string message)
    {
        var error = Assert.Throws<FormatException>(() => KeepalivedConfParser.Parse(text, "k.conf"));

        Assert.StartsWith(message, error.Message);
    }

    [Fact]
    public void ParseFile_IncludeWithGlob_ReadsMatchingFilesInOrder()
    {
        Directory.CreateDirectory(Path.Combine(_dir, "conf.d"));
        File.WriteAllText(Path.Combine(_dir, "conf.d", "b.conf"), "vrrp_instance VI_B {\n}\n");
        File.WriteAllText(Path.Combine(_dir, "conf.d", "a.conf"), "vrrp_instance VI_A {\n}\n");
        File.WriteAllText(Path.Combine(_dir, "keepalived.conf"), "global_defs {\n}\ninclude conf.d/*.conf\n");

        var statements = KeepalivedConfParser.ParseFile(Path.Combine(_dir, "keepalived.conf"));

        Assert.Equal(["global_defs", "vrrp_instance", "vrrp_instance"], statements.Select(s => s.Keyword));
        Assert.Equal(["VI_A", "VI_B"], statements.Skip(1).Select(s => s.Value));
        Assert.Equal("a.conf:1", statements[1].Source);
    }
}
