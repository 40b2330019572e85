using System.Text;
using System.Text.Json.Nodes;
using L7Gate.Failover.Import;
using L7Gate.Failover.Options;
using Microsoft.Extensions.Configuration;

namespace L7Gate.Failover.Tests.Import;

/// <summary>Real-world keepalived.conf files (see Import/Samples/ORIGIN.md) imported and validated as L7Gate would.</summary>
public class KeepalivedImporterTests
{
    private static string Sample(string name) => Path.Combine(AppContext.BaseDirectory, "Import", "Samples", name);

    // Bound and validated exactly as the host binds the Failover section.
    private static (FailoverOptions Options, IReadOnlyList<string> Errors) Bind(JsonObject failover)
    {
        var json = new JsonObject { ["Failover"] = failover.DeepClone() }.ToJsonString();
        var configuration = new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(json))).Build();
        var options = new FailoverOptions();
        configuration.GetSection(FailoverOptions.SectionName).Bind(options);
        return (options, new FailoverOptionsValidator().Validate(options).Errors.Select(e => $"{e.PropertyName}: {e.ErrorMessage}").ToArray());
    }

    [Theory]
    [InlineData("kubeadm-ha-considerations.keepalived.conf")]
    [InlineData("keepalived.conf.vrrp")]
    [InlineData("keepalived.conf.vrrp.sync")]
    [InlineData("keepalived.conf.vrrp.localcheck")]
    [InlineData("keepalived.conf.vrrp.scripts")]
    [InlineData("keepalived.conf.track_interface")]
    [InlineData("keepalived.conf.sample")]
    public void ImportFile_RealWorldConfig_PassesFailoverValidation(string file)
    {
        var result = KeepalivedImporter.ImportFile(Sample(file));

        var (options, errors) = Bind(result.Failover);
        Assert.Empty(errors);
        Assert.NotEmpty(options.Instances);
    }

    [Fact]
    public void ImportFile_KubeadmGuide_CarriesInstanceScriptAndPassword()
    {
        var result = KeepalivedImporter.ImportFile(Sample("kubeadm-ha-considerations.keepalived.conf"));

        var (options, _) = Bind(result.Failover);
        var instance = options.Instances["VI_1"];
        Assert.Equal(("eth0", 51, 101, 2), (instance.Interface, instance.VirtualRouterId, instance.Priority, instance.Version)); // keepalived's default version 2
        Assert.Equal(["192.0.2.100"], instance.VirtualIPs);
        Assert.Equal("42", instance.Authentication.Password);
        var track = Assert.Single(instance.TrackScripts);
        Assert.Equal(("check_apiserver", (int?)null), (track.Name, track.Weight));
        var script = options.TrackScripts["check_apiserver"];
        Assert.Equal(("/etc/keepalived/check_apiserver.sh", TimeSpan.FromSeconds(3), -2, 10, 2), (script.Path, script.Interval, script.Weight, script.Fall, script.Rise));
        Assert.Empty(script.Arguments); // the script file itself is exec'd: its #!/bin/sh line runs it, as with keepalived
        Assert.Equal(["kubeadm-ha-considerations.keepalived.conf:4: router_id: not carried over", "kubeadm-ha-considerations.keepalived.conf:15: state: not carried over"],
            result.Warnings.Select(w => w[..w.IndexOf(" (", StringComparison.Ordinal)]));
    }

    [Fact]
    public void ImportFile_LocalCheckSample_ShellSyntaxAndPathLookupRunThroughShWithWeights()
    {
        var result = KeepalivedImporter.ImportFile(Sample("keepalived.conf.vrrp.localcheck"));

        var (options, _) = Bind(result.Failover);
        var sshd = options.TrackScripts["chk_sshd"];
        Assert.Equal(("/bin/sh", -4, 2, 2), (sshd.Path, sshd.Weight, sshd.Fall, sshd.Rise));
        Assert.Equal(["-c", "killall -0 sshd"], sshd.Arguments);
        Assert.Equal(["-c", "</dev/tcp/127.0.0.1/80"], options.TrackScripts["chk_http_port"].Arguments);
        var instance = options.Instances["VI_1"];
        Assert.Equal([("eth1", 2), ("eth2", -2), ("eth3", 0)], instance.TrackInterfaces.Select(t => (t.Name, t.Weight)));
        Assert.Contains(instance.TrackScripts, t => t.Name == "chk_haproxy" && t.Weight == 2);
        Assert.Contains(instance.TrackScripts, t => t.Name == "chk_sshd" && t.Weight is null);
        Assert.Contains(result.Warnings, w => w.Contains("script \"killall -0 sshd\": carried over as /bin/sh -c", StringComparison.Ordinal));
    }

    [Fact]
    public void ImportFile_SyncSample_GroupsMembersAndNotifyScriptsWithArgumentsReported()
    {
        var result = KeepalivedImporter.ImportFile(Sample("keepalived.conf.vrrp.sync"));

        var (options, _) = Bind(result.Failover);
        Assert.Equal(["VI_1", "VI_2", "VI_5", "VI_6", "VI_7", "VI_8", "VI_9"], options.SyncGroups["G1"].Instances);
        Assert.Equal(["VI_3", "VI_4"], options.SyncGroups["G2"].Instances);
        Assert.Equal("/usr/local/bin/vrrp.mast", options.SyncGroups["G1"].Notify.Master);
        Assert.Contains(result.Warnings, w => w.StartsWith("keepalived.conf.vrrp.sync:14: notify_master \"/usr/local/bin/vrrp.mast arg1 arg2\"", StringComparison.Ordinal));
    }

    [Fact]
    public void ImportFile_VrrpSample_GarpDelayLabelsAndDuplicateVipReported()
    {
        var result = KeepalivedImporter.ImportFile(Sample("keepalived.conf.vrrp"));

        var (options, _) = Bind(result.Failover);
        var instance = options.Instances["VI_1"];
        Assert.Equal(TimeSpan.FromSeconds(10), instance.Garp.Delay);
        Assert.Equal(["192.168.200.16", "192.168.200.17", "192.168.200.18"], instance.VirtualIPs);
        Assert.Equal("1111", instance.Authentication.Password);
        Assert.Contains(result.Warnings, w => w.Contains("smtp_alert: not carried over", StringComparison.Ordinal));
        Assert.Contains(result.Warnings, w => w.Contains("192.168.200.18: listed twice", StringComparison.Ordinal));
        Assert.Contains(result.Warnings, w => w.Contains("notification_email: not carried over", StringComparison.Ordinal));
    }

    [Fact]
    public void ImportFile_LvsSample_VirtualServerReportedOnce()
    {
        var result = KeepalivedImporter.ImportFile(Sample("keepalived.conf.sample"));

        Assert.Contains(result.Warnings, w => w.Contains("virtual_server: not carried over (LVS", StringComparison.Ordinal));
        Assert.DoesNotContain(result.Warnings, w => w.Contains("real_server", StringComparison.Ordinal));
        Assert.False(Bind(result.Failover).Options.Instances["VI_1"].Preempt); // nopreempt
    }
}
