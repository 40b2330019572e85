using L7Gate.Failover.Options;

namespace L7Gate.Failover.Tests.Options;

public class SyncGroupOptionsValidatorTests
{
    private static FailoverOptions Options(params (string Name, string[] Members)[] groups)
    {
        var options = new FailoverOptions();
        options.Instances["VI_OUT"] = new VrrpInstanceOptions { Interface = "eth0", VirtualRouterId = 51, VirtualIPs = ["192.0.2.100/24"] };
        options.Instances["VI_IN"] = new VrrpInstanceOptions { Interface = "eth1", VirtualRouterId = 52, VirtualIPs = ["198.51.100.1/24"] };
        foreach (var (name, members) in groups)
        {
            options.SyncGroups[name] = new SyncGroupOptions { Instances = [.. members] };
        }

        return options;
    }

    private static IReadOnlyList<(string Path, string Message)> Errors(FailoverOptions options) =>
        new FailoverOptionsValidator().Validate(options).Errors.Select(e => (e.PropertyName, e.ErrorMessage)).ToArray();

    [Fact]
    public void Validate_TwoLeggedGroup_Valid()
    {
        Assert.Empty(Errors(Options(("G1", ["VI_OUT", "VI_IN"]))));
    }

    [Fact]
    public void Validate_UnknownMember_NamesGroupEntryAndValue()
    {
        var error = Assert.Single(Errors(Options(("G1", ["VI_OUT", "VI_DMZ"]))));

        Assert.Equal(("SyncGroups:G1:Instances:1", "Failover sync group 'G1': Instances entry 'VI_DMZ' is not an instance under Failover:Instances"), error);
    }

    [Fact]
    public void Validate_InstanceInTwoGroups_Rejected()
    {
        var error = Assert.Single(Errors(Options(("G1", ["VI_OUT"]), ("G2", ["VI_OUT", "VI_IN"]))));

        Assert.Equal("SyncGroups:G2:Instances:0", error.Path);
        Assert.Contains("instance 'VI_OUT' is already in sync group 'G1'", error.Message);
    }

    [Fact]
    public void Validate_EmptyGroupAndRelativeNotify_BothReported()
    {
        var options = Options(("G1", []), ("G2", ["VI_IN"]));
        options.SyncGroups["G2"].Notify = new VrrpNotifyOptions { Master = "notify.sh" };

        var errors = Errors(options);

        Assert.Equal(["SyncGroups:G1:Instances", "SyncGroups:G2:Notify:Master"], errors.Select(e => e.Path));
        Assert.Contains("Notify.Master 'notify.sh' is not an absolute script path", errors[1].Message);
    }
}
