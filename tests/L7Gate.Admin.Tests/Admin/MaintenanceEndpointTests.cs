using System.Net;
using System.Text.Json.Nodes;
using L7Gate.Admin.Tests.Infrastructure;
using L7Gate.Failover.Control;
using L7Gate.Failover.StateMachine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace L7Gate.Admin.Tests.Admin;

public class MaintenanceEndpointTests : BackendTests
{
    [Fact]
    public async Task Maintenance_NoFailoverConfigured_404()
    {
        await using var gateway = GatewayHost.Start(TestConfig.Gateway([A]));

        var problem = await Problem.AssertAsync(await gateway.Admin.PostAsync("/admin/failover/VI_1/maintenance", null), HttpStatusCode.NotFound);

        Assert.Contains("'VI_1'", problem["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task Maintenance_NoCredentials_401AndEngineNotCalled()
    {
        var engine = new ScriptedFailoverControl();
        await using var gateway = GatewayHost.Start(TestConfig.Gateway([A]), s => s.Replace(ServiceDescriptor.Singleton<IFailoverControl>(engine)));

        await Problem.AssertAsync(await gateway.Client.PostAsync("/admin/failover/VI_1/maintenance", null), HttpStatusCode.Unauthorized);

        Assert.Empty(engine.Calls);
    }

    [Fact]
    public async Task Maintenance_EnterAndLeave_EngineCalledAndStatusShown()
    {
        // The engine's real I/O needs root and network namespaces (Network tests); here a scripted engine stands
        // in for it so the admin API's side of the contract can be checked: mapping, auth, 404, status shape.
        var engine = new ScriptedFailoverControl();
        await using var gateway = GatewayHost.Start(TestConfig.Gateway([A]), s => s.Replace(ServiceDescriptor.Singleton<IFailoverControl>(engine)));

        var enter = await gateway.Admin.PostAsync("/admin/failover/VI_1/maintenance", null);
        var status = JsonNode.Parse(await gateway.Client.GetStringAsync("/admin/status"))!;
        var leave = await gateway.Admin.DeleteAsync("/admin/failover/VI_1/maintenance");
        var unknown = await gateway.Admin.DeleteAsync("/admin/failover/VI_9/maintenance");

        Assert.Equal(HttpStatusCode.OK, enter.StatusCode);
        Assert.True(JsonNode.Parse(await enter.Content.ReadAsStringAsync())!["maintenance"]!.GetValue<bool>());
        var instance = Assert.Single(status["failover"]!.AsArray())!;
        Assert.Equal("VI_1", instance["name"]!.GetValue<string>());
        Assert.Equal("Backup", instance["state"]!.GetValue<string>());
        Assert.Equal(0, instance["effectivePriority"]!.GetValue<int>());
        Assert.Equal("192.0.2.2", instance["masterAddress"]!.GetValue<string>());
        Assert.Equal(["192.0.2.100/24"], instance["virtualIPs"]!.AsArray().Select(v => v!.GetValue<string>()));
        Assert.Equal(HttpStatusCode.OK, leave.StatusCode);
        await Problem.AssertAsync(unknown, HttpStatusCode.NotFound);
        Assert.Equal(["enter VI_1", "leave VI_1", "leave VI_9"], engine.Calls);
    }

    private sealed class ScriptedFailoverControl : IFailoverControl
    {
        private bool _maintenance;

        public List<string> Calls { get; } = [];

        public IReadOnlyList<FailoverInstanceStatus> Instances =>
        [
            new("VI_1", "eth0", 51, 3, _maintenance ? VrrpState.Backup : VrrpState.Master, 150, _maintenance ? 0 : 150,
                _maintenance ? "192.0.2.2" : "192.0.2.1", ["192.0.2.100/24"], _maintenance, DateTimeOffset.UnixEpoch),
        ];

        public Task<bool> EnterMaintenanceAsync(string instance, CancellationToken cancellationToken)
        {
            Calls.Add("enter " + instance);
            _maintenance = instance == "VI_1" || _maintenance;
            return Task.FromResult(instance == "VI_1");
        }

        public Task<bool> LeaveMaintenanceAsync(string instance, CancellationToken cancellationToken)
        {
            Calls.Add("leave " + instance);
            _maintenance = instance != "VI_1" && _maintenance;
            return Task.FromResult(instance == "VI_1");
        }
    }
}
