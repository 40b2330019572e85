using L7Gate.Failover.Diagnostics;
using L7Gate.Failover.Notify;
using L7Gate.Failover.Options;
using L7Gate.Failover.Runner;
using L7Gate.Failover.StateMachine;
using Microsoft.Extensions.Logging;

namespace L7Gate.Failover.SyncGroups;

/// <summary>
/// One sync group (keepalived <c>vrrp_sync_group</c>): links its member runners so they change state together.
/// A member that becomes master takes the backups along; a master member that becomes backup (a better peer, a
/// handover) takes the other masters along; a member's own fault puts every other member in Fault through a weight-0
/// tracker, cleared when no member has a fault of its own. Group notify scripts run when the group's state changes.
/// Following is idempotent (a member already in the state ignores it), so the echo of a forced change ends there.
/// </summary>
public sealed class SyncGroupCoordinator : IDisposable
{
    private readonly string _name;
    private readonly IReadOnlyList<VrrpInstanceRunner> _members;
    private readonly VrrpNotifyOptions _notify;
    private readonly INotifyScriptRunner _scripts;
    private readonly ILogger _logger;
    private readonly Lock _lock = new();
    private VrrpState _groupState = VrrpState.Initialize;

    /// <summary>Joins <paramref name="members"/> to the group; call before the runners start.</summary>
    public SyncGroupCoordinator(string name, IReadOnlyList<VrrpInstanceRunner> members, VrrpNotifyOptions? notify, INotifyScriptRunner scripts, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(members);
        _name = name;
        _members = members;
        _notify = notify ?? new VrrpNotifyOptions();
        _scripts = scripts;
        _logger = logger;
        foreach (var member in members)
        {
            member.JoinSyncGroup(name);
            member.StateChanged += OnStateChanged;
            member.OwnFaultChanged += OnOwnFaultChanged;
        }
    }

    /// <summary>The group's state: Master when every member is, Fault when one is, Initialize when all stopped, else Backup.</summary>
    public VrrpState State
    {
        get
        {
            lock (_lock)
            {
                return _groupState;
            }
        }
    }

    /// <summary>Passes the faults members had at start on to the others; call after the runners started.</summary>
    public void Start()
    {
        lock (_lock)
        {
            PropagateFaults();
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var member in _members)
        {
            member.StateChanged -= OnStateChanged;
            member.OwnFaultChanged -= OnOwnFaultChanged;
        }
    }

    private void OnOwnFaultChanged(VrrpInstanceRunner member, bool fault)
    {
        lock (_lock)
        {
            FailoverLog.SyncGroupMemberFault(_logger, _name, member.Name, fault ? "failed" : "recovered");
            PropagateFaults();
        }
    }

    // Each member is faulted by the group when any *other* member has a fault of its own.
    private void PropagateFaults()
    {
        foreach (var member in _members)
        {
            member.SetSyncGroupFault(_members.Any(m => !ReferenceEquals(m, member) && m.HasOwnFault));
        }
    }

    private void OnStateChanged(VrrpStateChange change)
    {
        lock (_lock)
        {
            bool toMaster = change.To == VrrpState.Master;
            bool toBackup = change.From == VrrpState.Master && change.To == VrrpState.Backup;
            if (toMaster || toBackup)
            {
                var reason = $"sync group {_name}: {change.Instance} became {change.To}";
                foreach (var member in _members.Where(m => !string.Equals(m.Name, change.Instance, StringComparison.Ordinal)))
                {
                    if (member.State == (toMaster ? VrrpState.Backup : VrrpState.Master))
                    {
                        member.FollowSyncGroup(change.To, reason);
                    }
                }
            }

            UpdateGroupState(change);
        }
    }

    private void UpdateGroupState(VrrpStateChange change)
    {
        // The member that just changed is taken from the change: its runner's State is already set, but be explicit.
        var states = _members.Select(m => string.Equals(m.Name, change.Instance, StringComparison.Ordinal) ? change.To : m.State).ToArray();
        VrrpState next = states.Any(s => s == VrrpState.Fault) ? VrrpState.Fault
            : states.All(s => s == VrrpState.Master) ? VrrpState.Master
            : states.All(s => s == VrrpState.Initialize) ? VrrpState.Initialize
            : states.All(s => s != VrrpState.Master) ? VrrpState.Backup
            : _groupState; // members on their way to Master together: wait for the last one
        if (next == _groupState)
        {
            return;
        }

        FailoverLog.SyncGroupStateChanged(_logger, _name, NotifyStateName.Of(_groupState), NotifyStateName.Of(next));
        _groupState = next;
        var script = next switch
        {
            VrrpState.Master => _notify.Master,
            VrrpState.Backup => _notify.Backup,
            VrrpState.Fault => _notify.Fault,
            _ => _notify.Stop,
        };
        if (!string.IsNullOrEmpty(script))
        {
            _scripts.Start(_name, script, [], _notify.Timeout);
        }

        if (!string.IsNullOrEmpty(_notify.Any))
        {
            // keepalived's generic notify for a group: GROUP <name> <STATE>
            _scripts.Start(_name, _notify.Any, ["GROUP", _name, NotifyStateName.Of(next)], _notify.Timeout);
        }
    }
}
