using L7Gate.Failover.Options;

namespace L7Gate.Failover.Tests.Options;

public class FailoverOptionsValidatorTests
{
    private static VrrpInstanceOptions Valid() => new()
    {
        Interface = "eth0",
        VirtualRouterId = 51,
        VirtualIPs = ["192.0.2.100/24"],
    };

    private static IReadOnlyList<(string Path, string Message)> Validate(params (string Name, VrrpInstanceOptions Options)[] instances)
    {
        var options = new FailoverOptions();
        foreach (var (name, instance) in instances)
        {
            options.Instances[name] = instance;
        }

        return new FailoverOptionsValidator().Validate(options).Errors.Select(e => (e.PropertyName, e.ErrorMessage)).ToArray();
    }

    private static IReadOnlyList<(string Path, string Message)> Validate(Action<VrrpInstanceOptions> change)
    {
        var instance = Valid();
        change(instance);
        return Validate(("VI_1", instance));
    }

    // Every key, one bad value each: (case, change, expected path under Failover:, expected message part).
    public static TheoryData<string, Action<VrrpInstanceOptions>, string, string> BadValues() => new()
    {
        { "interface missing", o => o.Interface = "", "Instances:VI_1:Interface", "Interface is required" },
        { "interface too long", o => o.Interface = "averyveryverylongname", "Instances:VI_1:Interface", "'averyveryverylongname' is not an interface name" },
        { "vrid 0", o => o.VirtualRouterId = 0, "Instances:VI_1:VirtualRouterId", "Failover instance 'VI_1': VirtualRouterId 0 is outside 1–255" },
        { "vrid 256", o => o.VirtualRouterId = 256, "Instances:VI_1:VirtualRouterId", "VirtualRouterId 256 is outside 1–255" },
        { "priority 0", o => o.Priority = 0, "Instances:VI_1:Priority", "Priority 0 is outside 1–255" },
        { "priority 256", o => o.Priority = 256, "Instances:VI_1:Priority", "Priority 256 is outside 1–255" },
        { "version 4", o => o.Version = 4, "Instances:VI_1:Version", "Version 4 is not 2 or 3" },
        { "v2 fractional interval", o => { o.Version = 2; o.AdvertisementInterval = TimeSpan.FromMilliseconds(1500); }, "Instances:VI_1:AdvertisementInterval", "00:00:01.5000000 is not allowed with Version 2" },
        { "v2 interval 256 s", o => { o.Version = 2; o.AdvertisementInterval = TimeSpan.FromSeconds(256); }, "Instances:VI_1:AdvertisementInterval", "whole seconds from 1 to 255" },
        { "v3 interval 5 ms", o => o.AdvertisementInterval = TimeSpan.FromMilliseconds(5), "Instances:VI_1:AdvertisementInterval", "10 ms steps" },
        { "v3 interval 15 ms", o => o.AdvertisementInterval = TimeSpan.FromMilliseconds(15), "Instances:VI_1:AdvertisementInterval", "00:00:00.0150000 is not allowed with Version 3" },
        { "v3 interval 41 s", o => o.AdvertisementInterval = TimeSpan.FromSeconds(41), "Instances:VI_1:AdvertisementInterval", "is not allowed with Version 3" },
        { "preempt delay negative", o => o.PreemptDelay = TimeSpan.FromSeconds(-1), "Instances:VI_1:PreemptDelay", "PreemptDelay -00:00:01 is outside" },
        { "preempt delay 1001 s", o => o.PreemptDelay = TimeSpan.FromSeconds(1001), "Instances:VI_1:PreemptDelay", "0–1000 s" },
        { "no vips", o => o.VirtualIPs = [], "Instances:VI_1:VirtualIPs", "VirtualIPs is empty" },
        { "vip not an address", o => o.VirtualIPs = ["192.0.2.300/24"], "Instances:VI_1:VirtualIPs:0", "'192.0.2.300/24' is not an IPv4 address" },
        { "vip prefix 33", o => o.VirtualIPs = ["192.0.2.100/33"], "Instances:VI_1:VirtualIPs:0", "'192.0.2.100/33'" },
        { "vip ipv6", o => o.VirtualIPs = ["2001:db8::1"], "Instances:VI_1:VirtualIPs:0", "'2001:db8::1' is not an IPv4 address" },
        { "vip multicast", o => o.VirtualIPs = ["224.0.0.18"], "Instances:VI_1:VirtualIPs:0", "not a usable unicast address" },
        { "vip twice", o => o.VirtualIPs = ["192.0.2.100/24", "192.0.2.100/32"], "Instances:VI_1:VirtualIPs:1", "lists 192.0.2.100 twice" },
        { "unicast source bad", o => { o.UnicastSource = "nope"; o.UnicastPeers = ["192.0.2.12"]; }, "Instances:VI_1:UnicastSource", "UnicastSource 'nope' is not a unicast IPv4 address" },
        { "unicast source without peers", o => o.UnicastSource = "192.0.2.11", "Instances:VI_1:UnicastSource", "UnicastPeers is empty" },
        { "unicast peer bad", o => o.UnicastPeers = ["192.0.2"], "Instances:VI_1:UnicastPeers:0", "'192.0.2' is not a unicast IPv4 address" },
        { "unicast peer is self", o => { o.UnicastSource = "192.0.2.11"; o.UnicastPeers = ["192.0.2.11"]; }, "Instances:VI_1:UnicastPeers:0", "is this node's UnicastSource" },
        { "unicast peer twice", o => o.UnicastPeers = ["192.0.2.12", "192.0.2.12"], "Instances:VI_1:UnicastPeers:1", "lists 192.0.2.12 twice" },
        { "password with v3", o => o.Authentication.Password = "secret", "Instances:VI_1:Authentication:Password", "VRRPv3 has no authentication" },
        { "password too long", o => { o.Version = 2; o.Authentication.Password = "secret123"; }, "Instances:VI_1:Authentication:Password", "1–8 printable ASCII characters" },
        { "password empty", o => { o.Version = 2; o.Authentication.Password = ""; }, "Instances:VI_1:Authentication:Password", "1–8 printable ASCII" },
        { "track interface name", o => o.TrackInterfaces = [new() { Name = "" }], "Instances:VI_1:TrackInterfaces:0:Name", "is not an interface name" },
        { "track interface twice", o => o.TrackInterfaces = [new() { Name = "eth1" }, new() { Name = "eth1" }], "Instances:VI_1:TrackInterfaces:1:Name", "lists eth1 twice" },
        { "track interface weight", o => o.TrackInterfaces = [new() { Name = "eth1", Weight = -254 }], "Instances:VI_1:TrackInterfaces:0:Weight", "Weight -254 is outside −253–253" },
        { "track proxy weight", o => o.TrackProxy = new() { Weight = 300 }, "Instances:VI_1:TrackProxy:Weight", "TrackProxy.Weight 300 is outside" },
        { "track proxy rise", o => o.TrackProxy = new() { Rise = 0 }, "Instances:VI_1:TrackProxy:Rise", "TrackProxy.Rise 0 is outside 1–100" },
        { "track proxy fall", o => o.TrackProxy = new() { Fall = 101 }, "Instances:VI_1:TrackProxy:Fall", "TrackProxy.Fall 101 is outside 1–100" },
        { "track proxy interval", o => o.TrackProxy = new() { Interval = TimeSpan.Zero }, "Instances:VI_1:TrackProxy:Interval", "TrackProxy.Interval 00:00:00 is outside" },
        { "track proxy timeout", o => o.TrackProxy = new() { Timeout = TimeSpan.FromSeconds(2) }, "Instances:VI_1:TrackProxy:Timeout", "at most the Interval" },
        { "notify relative", o => o.Notify.Master = "notify.sh", "Instances:VI_1:Notify:Master", "Notify.Master 'notify.sh' is not an absolute script path" },
        { "notify any relative", o => o.Notify.Any = "bin/notify", "Instances:VI_1:Notify:Any", "Notify.Any" },
        { "notify backup relative", o => o.Notify.Backup = "./b", "Instances:VI_1:Notify:Backup", "Notify.Backup" },
        { "notify fault relative", o => o.Notify.Fault = "f", "Instances:VI_1:Notify:Fault", "Notify.Fault" },
        { "notify stop relative", o => o.Notify.Stop = "s", "Instances:VI_1:Notify:Stop", "Notify.Stop" },
        { "notify timeout", o => o.Notify.Timeout = TimeSpan.Zero, "Instances:VI_1:Notify:Timeout", "Notify.Timeout" },
        { "garp repeat", o => o.Garp.Repeat = 0, "Instances:VI_1:Garp:Repeat", "Garp.Repeat 0 is outside 1–100" },
        { "garp delay", o => o.Garp.Delay = TimeSpan.FromSeconds(-1), "Instances:VI_1:Garp:Delay", "Garp.Delay -00:00:01 is outside" },
        { "garp refresh", o => o.Garp.Refresh = TimeSpan.FromMilliseconds(10), "Instances:VI_1:Garp:Refresh", "Garp.Refresh 00:00:00.0100000 is outside" },
        { "garp refresh repeat", o => o.Garp.RefreshRepeat = 0, "Instances:VI_1:Garp:RefreshRepeat", "Garp.RefreshRepeat 0" },
        { "checksum as v2 with v2", o => { o.Version = 2; o.V3ChecksumAsV2 = true; }, "Instances:VI_1:V3ChecksumAsV2", "applies to Version 3 only" },
        { "handover timeout", o => o.HandoverTimeout = TimeSpan.FromHours(1), "Instances:VI_1:HandoverTimeout", "HandoverTimeout 01:00:00 is outside" },
    };

    [Theory]
    [MemberData(nameof(BadValues))]
    public void Validate_BadValue_ErrorNamesInstancePathAndValue(string @case, Action<VrrpInstanceOptions> change, string path, string message)
    {
        var errors = Validate(change);

        var error = Assert.Single(errors);
        Assert.Equal(path, error.Path);
        Assert.Contains(message, error.Message);
        Assert.StartsWith("Failover instance 'VI_1': ", error.Message);
        Assert.NotEmpty(@case);
    }

    [Fact]
    public void Validate_Defaults_OnlyRequiredKeysNeeded()
    {
        Assert.Empty(Validate(("VI_1", Valid())));
    }

    [Fact]
    public void Validate_EverythingSetSensibly_Valid()
    {
        var v2 = Valid();
        v2.Version = 2;
        v2.Priority = 255;
        v2.Preempt = false; // an owner without preempt is fine: it is master at once anyway
        v2.AdvertisementInterval = TimeSpan.FromSeconds(3);
        v2.Authentication.Password = "secret12";
        v2.UnicastSource = "192.0.2.11";
        v2.UnicastPeers = ["192.0.2.12", "192.0.2.13"];
        v2.TrackInterfaces = [new() { Name = "eth1", Weight = -20 }, new() { Name = "bond0" }];
        v2.TrackProxy = new() { Weight = -60, Rise = 3, Fall = 2, Interval = TimeSpan.FromMilliseconds(500), Timeout = TimeSpan.FromMilliseconds(300) };
        v2.Notify = new() { Master = "/etc/l7gate/master.sh", Backup = "/etc/l7gate/backup.sh", Fault = "/etc/l7gate/fault.sh", Stop = "/etc/l7gate/stop.sh", Any = "/etc/l7gate/notify.sh" };
        v2.Garp = new() { Repeat = 3, Delay = TimeSpan.Zero, Refresh = TimeSpan.FromMinutes(1), RefreshRepeat = 2 };
        v2.PreemptDelay = TimeSpan.FromSeconds(30);
        v2.HandoverTimeout = TimeSpan.FromSeconds(2);
        var v3 = Valid();
        v3.VirtualRouterId = 52;
        v3.VirtualIPs = ["192.0.2.101", "198.51.100.7/32"];
        v3.AdvertisementInterval = TimeSpan.FromMilliseconds(10);
        v3.V3ChecksumAsV2 = true;

        Assert.Empty(Validate(("VI_1", v2), ("VI_2", v3)));
    }

    [Fact]
    public void Validate_ManyErrors_AllReportedAtOnce()
    {
        var errors = Validate(o =>
        {
            o.VirtualRouterId = 0;
            o.Priority = 0;
            o.Interface = "";
            o.VirtualIPs = ["x"];
        });

        Assert.Equal(["Instances:VI_1:Interface", "Instances:VI_1:Priority", "Instances:VI_1:VirtualIPs:0", "Instances:VI_1:VirtualRouterId"], errors.Select(e => e.Path).Order());
    }

    [Fact]
    public void Validate_SameVridOnSameInterface_ErrorNamesBothInstances()
    {
        var second = Valid();
        second.VirtualIPs = ["192.0.2.101/24"];

        var error = Assert.Single(Validate(("VI_1", Valid()), ("VI_2", second)));

        Assert.Equal("Instances:VI_2:VirtualRouterId", error.Path);
        Assert.Equal("Failover instance 'VI_2': VirtualRouterId 51 on eth0 is already used by instance 'VI_1'", error.Message);
    }

    [Fact]
    public void Validate_SameVridOnOtherInterface_Valid()
    {
        var second = Valid();
        second.Interface = "eth1";
        second.VirtualIPs = ["192.0.2.101/24"];

        Assert.Empty(Validate(("VI_1", Valid()), ("VI_2", second)));
    }

    [Fact]
    public void Validate_VipClaimedByTwoInstances_Error()
    {
        var second = Valid();
        second.VirtualRouterId = 52;
        second.VirtualIPs = ["192.0.2.100/32"];

        var error = Assert.Single(Validate(("VI_1", Valid()), ("VI_2", second)));

        Assert.Equal("Instances:VI_2:VirtualIPs:0", error.Path);
        Assert.Contains("192.0.2.100 is already claimed by instance 'VI_1'", error.Message);
    }

    [Fact]
    public void Validate_InstanceNameWithColon_Error()
    {
        var error = Assert.Single(Validate(("a:b", Valid())));

        Assert.Contains("must be non-empty without ':'", error.Message);
    }

    [Fact]
    public void Validate_LinkPollIntervalZero_Error()
    {
        var options = new FailoverOptions { LinkPollInterval = TimeSpan.Zero };

        var error = Assert.Single(new FailoverOptionsValidator().Validate(options).Errors);

        Assert.Equal("LinkPollInterval", error.PropertyName);
    }

    [Theory]
    [InlineData(-21)]
    [InlineData(20)]
    public void Validate_ThreadNiceOutsideNiceRange_Error(int nice)
    {
        var error = Assert.Single(new FailoverOptionsValidator().Validate(new FailoverOptions { ThreadNice = nice }).Errors);

        Assert.Equal("ThreadNice", error.PropertyName);
        Assert.Contains("-20–19", error.ErrorMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-20)]
    [InlineData(0)]
    [InlineData(19)]
    public void Validate_ThreadNiceInRange_Valid(int nice)
    {
        Assert.True(new FailoverOptionsValidator().Validate(new FailoverOptions { ThreadNice = nice }).IsValid);
    }

    [Fact]
    public void Validate_NoInstances_Valid()
    {
        Assert.True(new FailoverOptionsValidator().Validate(new FailoverOptions()).IsValid);
    }

    [Theory]
    [InlineData("192.0.2.100", "192.0.2.100", 32)]
    [InlineData("192.0.2.100/24", "192.0.2.100", 24)]
    [InlineData(" 10.0.0.1/0 ", "10.0.0.1", 0)]
    public void VirtualIpAddress_TryParse_KeepsHostBits(string text, string address, int prefix)
    {
        Assert.True(VirtualIpAddress.TryParse(text, out var vip));
        Assert.Equal(address, vip.Value.Address.ToString());
        Assert.Equal(prefix, vip.Value.PrefixLength);
    }

    [Theory]
    [InlineData("1")]
    [InlineData("1.2.3")]
    [InlineData("1.2.3.4/")]
    [InlineData("1.2.3.4/-1")]
    [InlineData("1.2.3.4/24/1")]
    [InlineData("::1")]
    public void VirtualIpAddress_TryParse_RejectsShortFormsAndIpv6(string text)
    {
        Assert.False(VirtualIpAddress.TryParse(text, out _));
    }
}
