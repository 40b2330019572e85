using FluentValidation;
using L7Gate.Failover.Control;
using L7Gate.Failover.Network;
using L7Gate.Failover.Notify;
using L7Gate.Failover.Options;
using L7Gate.Failover.StateMachine;
using L7Gate.Failover.Tests.Fakes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace L7Gate.Failover.Tests.Control;

public class FailoverServiceTests
{
    private static IServiceCollection Services() => new ServiceCollection()
        .AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance)
        .AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));

    private static IConfiguration Section(Dictionary<string, string?> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values).Build().GetSection("Failover");

    private static readonly Dictionary<string, string?> OneInstance = new()
    {
        ["Failover:Instances:VI_1:Interface"] = "eth0",
        ["Failover:Instances:VI_1:VirtualRouterId"] = "51",
        ["Failover:Instances:VI_1:Priority"] = "150",
        ["Failover:Instances:VI_1:AdvertisementInterval"] = "00:00:00.1",
        ["Failover:Instances:VI_1:VirtualIPs:0"] = "192.0.2.100/24",
    };

    [Fact]
    public async Task AddL7GateFailoverEngine_NoInstances_StartsNothingAndNeedsNoIoSeams()
    {
        var services = Services().AddL7GateFailoverEngine(Section([]));
        await using var provider = services.BuildServiceProvider();

        foreach (var hosted in provider.GetServices<IHostedService>())
        {
            await hosted.StartAsync(CancellationToken.None);
        }

        var control = provider.GetRequiredService<IFailoverControl>();
        Assert.Empty(control.Instances);
        Assert.False(await control.EnterMaintenanceAsync("VI_1", CancellationToken.None));
        Assert.IsType<FailoverOptionsValidator>(provider.GetRequiredService<IValidator<FailoverOptions>>());
    }

    [Fact]
    public async Task Dispose_SynchronousContainerAfterStart_StopsWithoutThrowing()
    {
        var links = new FakeLinkMonitor();
        links.Primary["eth0"] = System.Net.IPAddress.Parse("192.0.2.11");
        var vips = new FakeVipManager();
        var provider = Services()
            .AddSingleton<IVrrpTransportFactory>(new FakeVrrpTransportFactory())
            .AddSingleton<IVipManager>(vips)
            .AddSingleton<IGarpSender>(new FakeGarpSender())
            .AddSingleton<ILinkMonitor>(links)
            .AddSingleton<INotifyScriptRunner>(new RecordingNotifyScriptRunner())
            .AddL7GateFailoverEngine(Section(OneInstance))
            .BuildServiceProvider();
        var control = provider.GetRequiredService<IFailoverControl>();
        await provider.GetRequiredService<FailoverService>().StartAsync(CancellationToken.None);
        await Eventually.TrueAsync(() => control.Instances.Single().State == VrrpState.Master, "VI_1 becomes master");

        provider.Dispose();

        Assert.Equal(VrrpState.Initialize, control.Instances.Single().State);
        Assert.False(vips.IsPresent("192.0.2.100"));
    }

    [Fact]
    public async Task AddL7GateFailoverEngine_CalledTwice_OneHostedService()
    {
        var services = Services()
            .AddL7GateFailoverEngine(Section([]))
            .AddL7GateFailoverEngine(Section([]));
        await using var provider = services.BuildServiceProvider();

        Assert.Single(provider.GetServices<IHostedService>());
    }

    [Fact]
    public async Task AddL7GateFailoverEngine_InvalidSection_OptionsFailWithPathAndValue()
    {
        var values = new Dictionary<string, string?>(OneInstance) { ["Failover:Instances:VI_1:VirtualRouterId"] = "0" };
        await using var provider = Services().AddL7GateFailoverEngine(Section(values)).BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<FailoverOptions>>().Value);

        Assert.Contains("Failover:Instances:VI_1:VirtualRouterId: Failover instance 'VI_1': VirtualRouterId 0 is outside 1–255", error.Failures);
    }

    [Fact]
    public async Task StartAsync_InstanceWithoutLinuxSeams_ExplainsWhatIsMissing()
    {
        await using var provider = Services().AddL7GateFailoverEngine(Section(OneInstance)).BuildServiceProvider();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => provider.GetRequiredService<FailoverService>().StartAsync(CancellationToken.None));

        Assert.Contains("AddL7GateFailoverLinux", error.Message);
    }

    [Fact]
    public async Task StartAsync_OneInstanceWithSeams_RunsAndReportsStatusAndMaintenance()
    {
        var links = new FakeLinkMonitor();
        links.Primary["eth0"] = System.Net.IPAddress.Parse("192.0.2.11");
        var vips = new FakeVipManager();
        var services = Services()
            .AddSingleton<IVrrpTransportFactory>(new FakeVrrpTransportFactory())
            .AddSingleton<IVipManager>(vips)
            .AddSingleton<IGarpSender>(new FakeGarpSender())
            .AddSingleton<ILinkMonitor>(links)
            .AddSingleton<INotifyScriptRunner>(new RecordingNotifyScriptRunner())
            .AddL7GateFailoverEngine(Section(OneInstance));
        await using var provider = services.BuildServiceProvider();
        var service = provider.GetRequiredService<FailoverService>();
        var control = provider.GetRequiredService<IFailoverControl>();

        await service.StartAsync(CancellationToken.None);
        // Real clock, 100 ms adverts: master after ~0.34 s alone on the LAN.
        await Eventually.TrueAsync(() => control.Instances.Single().State == VrrpState.Master, "VI_1 becomes master");
        Assert.True(vips.IsPresent("192.0.2.100"));
        Assert.False(await control.EnterMaintenanceAsync("nope", CancellationToken.None));

        Assert.True(await control.EnterMaintenanceAsync("vi_1", CancellationToken.None)); // names are case-insensitive, like configuration keys
        Assert.False(vips.IsPresent("192.0.2.100"));
        Assert.True(control.Instances.Single().Maintenance);

        await service.StopAsync(CancellationToken.None);
        Assert.Equal(VrrpState.Initialize, control.Instances.Single().State);
    }
}
