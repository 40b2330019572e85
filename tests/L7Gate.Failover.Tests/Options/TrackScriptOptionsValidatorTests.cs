using L7Gate.Failover.Options;

namespace L7Gate.Failover.Tests.Options;

public class TrackScriptOptionsValidatorTests
{
    private static FailoverOptions WithScript(Action<TrackScriptOptions> change, int? weightOverride = null, string reference = "chk")
    {
        var script = new TrackScriptOptions { Path = "/etc/keepalived/check_apiserver.sh" };
        change(script);
        var options = new FailoverOptions();
        options.TrackScripts["chk"] = script;
        options.Instances["VI_1"] = new VrrpInstanceOptions
        {
            Interface = "eth0",
            VirtualRouterId = 51,
            VirtualIPs = ["192.0.2.100/24"],
            TrackScripts = [new TrackScriptReference { Name = reference, Weight = weightOverride }],
        };
        return options;
    }

    private static IReadOnlyList<(string Path, string Message)> Errors(FailoverOptions options) =>
        new FailoverOptionsValidator().Validate(options).Errors.Select(e => (e.PropertyName, e.ErrorMessage)).ToArray();

    public static TheoryData<string, Action<TrackScriptOptions>, string, string> BadValues() => new()
    {
        { "no path", s => s.Path = "", "TrackScripts:chk:Path", "Path is required" },
        { "relative path", s => s.Path = "check.sh", "TrackScripts:chk:Path", "Path 'check.sh' is not an absolute path" },
        { "interval 0", s => s.Interval = TimeSpan.Zero, "TrackScripts:chk:Interval", "Interval 00:00:00 is outside" },
        { "timeout 0", s => s.Timeout = TimeSpan.Zero, "TrackScripts:chk:Timeout", "Timeout 00:00:00 is outside" },
        { "rise 0", s => s.Rise = 0, "TrackScripts:chk:Rise", "Rise 0 is outside 1–100" },
        { "fall 101", s => s.Fall = 101, "TrackScripts:chk:Fall", "Fall 101 is outside 1–100" },
        { "weight 254", s => s.Weight = 254, "TrackScripts:chk:Weight", "Weight 254 is outside −253–253" },
        { "user with space", s => s.User = "a b", "TrackScripts:chk:User", "User 'a b' is not a user name" },
    };

    [Theory]
    [MemberData(nameof(BadValues))]
    public void Validate_BadValue_NamesScriptKeyAndValue(string @case, Action<TrackScriptOptions> change, string path, string message)
    {
        var errors = Errors(WithScript(change));

        var error = Assert.Single(errors);
        Assert.Equal(path, error.Path);
        Assert.Contains(message, error.Message);
        Assert.StartsWith("Failover track script 'chk': ", error.Message);
        Assert.NotNull(@case);
    }

    [Fact]
    public void Validate_KubeadmCheckApiserver_Valid()
    {
        var options = WithScript(s => { s.Interval = TimeSpan.FromSeconds(3); s.Weight = -2; s.Fall = 10; s.Rise = 2; });

        Assert.Empty(Errors(options));
    }

    [Fact]
    public void Validate_InstanceTracksUndefinedScript_Rejected()
    {
        var error = Assert.Single(Errors(WithScript(_ => { }, reference: "chk_missing")));

        Assert.Equal("Instances:VI_1:TrackScripts:0:Name", error.Path);
        Assert.Contains("'chk_missing' is not defined under Failover:TrackScripts", error.Message);
    }

    [Fact]
    public void Validate_WeightOverrideOutOfRange_Rejected()
    {
        var error = Assert.Single(Errors(WithScript(_ => { }, weightOverride: -300)));

        Assert.Equal("Instances:VI_1:TrackScripts:0:Weight", error.Path);
        Assert.Contains("Weight -300 is outside −253–253", error.Message);
    }
}
