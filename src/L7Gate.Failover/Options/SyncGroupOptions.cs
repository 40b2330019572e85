namespace L7Gate.Failover.Options;

/// <summary>
/// Instances that change state together (keepalived <c>vrrp_sync_group</c>), e.g. a gateway's outside and inside VIPs,
/// which must stay on the same node: a member becoming master takes the others along, a master member becoming backup
/// takes the others along, and a fault in one member puts every member in Fault.
/// </summary>
public sealed class SyncGroupOptions
{
    /// <summary>The member instances (keys of Failover:Instances), each in at most one group (keepalived <c>group { VI_1 VI_2 }</c>).</summary>
    public List<string> Instances { get; set; } = [];

    /// <summary>
    /// Scripts run when the group as a whole changes state (keepalived's group <c>notify_master</c>, <c>notify_backup</c>,
    /// <c>notify_fault</c>, <c>notify_stop</c>, <c>notify</c>); Any gets <c>GROUP &lt;name&gt; &lt;STATE&gt;</c>. The
    /// group is MASTER when every member is, FAULT when one is, STOP when all stopped, BACKUP when none is master.
    /// </summary>
    public VrrpNotifyOptions Notify { get; set; } = new();
}
