using L7Gate.Failover.StateMachine;

namespace L7Gate.Failover.Runner;

// Sync group membership (keepalived vrrp_sync_group): the group's coordinator passes other members' faults in as a
// weight-0 tracker and their Master/Backup transitions as events; this instance reports its own faults out.
public sealed partial class VrrpInstanceRunner
{
    private string? _syncGroup;
    private bool _ownFault;

    /// <summary>Raised (outside any lock, on a tracker's thread) when <see cref="HasOwnFault"/> changes.</summary>
    public event Action<VrrpInstanceRunner, bool>? OwnFaultChanged;

    /// <summary>The sync group this instance belongs to, or null.</summary>
    public string? SyncGroup => _syncGroup;

    /// <summary>A weight-0 tracker of this instance's own (interface, script, proxy) is failing; the group's fault does not count.</summary>
    public bool HasOwnFault
    {
        get
        {
            lock (_trackLock)
            {
                return _ownFault;
            }
        }
    }

    private string? SyncGroupTracker => _syncGroup is null ? null : $"sync group {_syncGroup}";

    /// <summary>Makes this instance a member of <paramref name="group"/>; before <see cref="StartAsync"/> only.</summary>
    public void JoinSyncGroup(string group)
    {
        ArgumentException.ThrowIfNullOrEmpty(group);
        if (_engineThread is not null)
        {
            throw new InvalidOperationException($"Failover instance '{Name}' joins sync group '{group}' after it started.");
        }

        _syncGroup = group;
    }

    /// <summary>Another member of the sync group is (or is no longer) in Fault of its own: this one goes to Fault with it.</summary>
    public void SetSyncGroupFault(bool fault)
    {
        if (SyncGroupTracker is { } tracker && _engineThread is not null)
        {
            UpdateTracker(tracker, healthy: !fault);
        }
    }

    /// <summary>Another member became <paramref name="to"/> (Master or Backup): follow it (see <see cref="VrrpEvent.SyncGroupTransition"/>).</summary>
    public void FollowSyncGroup(VrrpState to, string reason) => Post(new EngineInput.SyncGroup(to, reason));

    private void RaiseOwnFaultChanged(bool? ownFault)
    {
        if (ownFault is { } fault)
        {
            OwnFaultChanged?.Invoke(this, fault);
        }
    }
}
